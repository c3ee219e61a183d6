/// The arithmetic and memory traffic of one pass of a computation: floating-point operations and bytes read
/// and written.
///
/// Conventions, shared by every layer's ``Layer/cost(batchSize:)``: a multiply-add counts as two FLOPs, a
/// comparison or a transcendental function (exp, tanh) as one; memory traffic is the compulsory traffic of
/// fp32 tensors — every operand read once and every result written once per pass, as with ideal caching — so
/// it is a lower bound that scales with the tensors' sizes, not a cache simulation.
public struct ComputeCost: Sendable, Equatable, CustomStringConvertible {
    /// Floating-point operations.
    public var flops: Int
    /// Bytes read from memory.
    public var bytesRead: Int
    /// Bytes written to memory.
    public var bytesWritten: Int

    /// Creates a cost.
    public init(flops: Int = 0, bytesRead: Int = 0, bytesWritten: Int = 0) {
        self.flops = flops
        self.bytesRead = bytesRead
        self.bytesWritten = bytesWritten
    }

    /// A cost whose traffic is given in fp32 values (4 bytes each) rather than bytes.
    public static func floats(flops: Int, read: Int, written: Int) -> ComputeCost {
        ComputeCost(flops: flops, bytesRead: 4 * read, bytesWritten: 4 * written)
    }

    /// No work at all.
    public static let zero = ComputeCost()

    /// Bytes moved in either direction.
    public var bytesMoved: Int { bytesRead + bytesWritten }

    /// The cost of doing both.
    public static func + (lhs: ComputeCost, rhs: ComputeCost) -> ComputeCost {
        ComputeCost(flops: lhs.flops + rhs.flops, bytesRead: lhs.bytesRead + rhs.bytesRead,
                    bytesWritten: lhs.bytesWritten + rhs.bytesWritten)
    }

    /// Adds `rhs` to `lhs`.
    public static func += (lhs: inout ComputeCost, rhs: ComputeCost) { lhs = lhs + rhs }

    /// The cost repeated `count` times (steps of an epoch, epochs of a round).
    public static func * (lhs: ComputeCost, count: Int) -> ComputeCost {
        ComputeCost(flops: lhs.flops * count, bytesRead: lhs.bytesRead * count, bytesWritten: lhs.bytesWritten * count)
    }

    public var description: String { "\(flops) FLOPs, \(bytesRead) B read, \(bytesWritten) B written" }
}
