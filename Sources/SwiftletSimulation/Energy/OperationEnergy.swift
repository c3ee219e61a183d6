import SwiftletNN

/// Energy per arithmetic operation and per memory access, from which computation energy follows.
///
/// Defaults from Horowitz, "Computing's Energy Problem (and what we can do about it)", ISSCC 2014 (45 nm,
/// 0.9 V): fp32 add 0.9 pJ, fp32 multiply 3.7 pJ; per 32-bit access, SRAM 5 pJ and DRAM 640 pJ (as tabulated
/// by Han et al., "Learning both Weights and Connections", NeurIPS 2015). Training FLOPs are dominated by
/// multiply-adds, so a FLOP costs the mean of an add and a multiply. Newer processes are cheaper per
/// operation; the ratio — a DRAM word costs ~200 FLOPs — is what the split between computation and
/// communication rests on.
public struct OperationEnergy: Sendable, Equatable {
    /// One fp32 addition, J.
    public var add: Double
    /// One fp32 multiplication, J.
    public var multiply: Double
    /// One 32-bit SRAM access, J.
    public var sramAccess: Double
    /// One 32-bit DRAM access, J.
    public var dramAccess: Double

    /// Creates a table.
    public init(add: Double, multiply: Double, sramAccess: Double, dramAccess: Double) {
        self.add = add
        self.multiply = multiply
        self.sramAccess = sramAccess
        self.dramAccess = dramAccess
    }

    /// Horowitz (ISSCC 2014), 45 nm.
    public static let horowitz45nm = OperationEnergy(add: 0.9e-12, multiply: 3.7e-12, sramAccess: 5e-12, dramAccess: 640e-12)

    /// Energy of one FLOP: half an add, half a multiply.
    public var perFLOP: Double { (add + multiply) / 2 }

    /// Energy of one 32-bit access to `memory`.
    public func access(_ memory: MemoryTechnology) -> Double {
        switch memory {
        case .sram: sramAccess
        case .dram: dramAccess
        }
    }

    /// Joules for `cost`: FLOPs times ``perFLOP`` plus 32-bit words moved times the access energy of
    /// `memory`.
    public func energy(of cost: ComputeCost, memory: MemoryTechnology) -> Double {
        Double(cost.flops) * perFLOP + Double(cost.bytesMoved) / 4 * access(memory)
    }
}
