import SwiftletTensor

extension SeededGenerator {
    /// A uniform draw on [0, 1) from the top 53 bits: double precision, so probabilities such as a 0.1%
    /// frame loss are not quantised to float's 24 bits.
    mutating func nextUnitDouble() -> Double {
        Double(next() >> 11) * 0x1p-53
    }
}
