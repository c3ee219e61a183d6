import Testing
import SwiftletTensor

@Suite struct HalfFloatTests {
    @Test func handWorkedValuesRoundToNearestEven() {
        #expect(HalfFloat.bits(1) == 0x3C00)
        #expect(HalfFloat.bits(-2) == 0xC000)
        #expect(HalfFloat.bits(-0.0) == 0x8000)
        #expect(HalfFloat.bits(65_504) == 0x7BFF)            // the largest half
        #expect(HalfFloat.bits(65_520) == 0x7C00)            // halfway to 65,536: ties to even, the infinity
        #expect(HalfFloat.bits(65_519) == 0x7BFF)
        #expect(HalfFloat.bits(1 + 0x1p-11) == 0x3C00)       // halfway between 1 and its successor: even wins
        #expect(HalfFloat.bits(1 + 0x1.8p-11) == 0x3C01)
        #expect(HalfFloat.bits(0x1p-24) == 0x0001)           // the smallest subnormal
        #expect(HalfFloat.bits(0x1p-25) == 0x0000)           // halfway to it: ties to even, zero
        #expect(HalfFloat.bits(0x1.8p-25) == 0x0001)
        #expect(HalfFloat.bits(0x1.ff8p-15) == 0x03FF)       // the largest subnormal, 1023 · 2⁻²⁴
        #expect(HalfFloat.bits(0x1.ffcp-15) == 0x0400)       // halfway above it: ties to even, the smallest normal
        #expect(HalfFloat.bits(.infinity) == 0x7C00)
        #expect(HalfFloat.bits(.nan) & 0x7C00 == 0x7C00 && HalfFloat.bits(.nan) & 0x3FF != 0)
    }

    @Test func handWorkedBitsWidenExactly() {
        #expect(HalfFloat.value(0x3555) == 0x1.554p-2)
        #expect(HalfFloat.value(0x0001) == 0x1p-24)
        #expect(HalfFloat.value(0x7BFF) == 65_504)
        #expect(HalfFloat.value(0xFC00) == -.infinity)
        #expect(HalfFloat.value(0x8000).sign == .minus && HalfFloat.value(0x8000) == 0)
        #expect(HalfFloat.value(0x7E00).isNaN)
    }

    @Test func everyHalfRoundTripsThroughFloat() {
        let wrong = (UInt16.min...UInt16.max).filter { !HalfFloat.value($0).isNaN && HalfFloat.bits(HalfFloat.value($0)) != $0 }
        #expect(wrong.isEmpty, "first: \(wrong.prefix(5))")
    }

    #if !(os(macOS) && arch(x86_64))
    @Test func everyHalfWidensAsFloat16Does() {
        let wrong = (UInt16.min...UInt16.max).filter { bits in
            let expected = Float(Float16(bitPattern: bits)), actual = HalfFloat.value(bits)
            return actual.bitPattern != expected.bitPattern && !(actual.isNaN && expected.isNaN)
        }
        #expect(wrong.isEmpty, "first: \(wrong.prefix(5))")
    }

    @Test func everyTieAndNeighbourNarrowsAsFloat16Does() {
        // Between each pair of adjacent finite halves: the midpoint (a tie) and the floats either side of it.
        var wrong: [Float] = []
        for bits in UInt16(0)..<0x7C00 {
            let low = HalfFloat.value(bits), high = HalfFloat.value(bits + 1)
            let mid = (low + high) / 2
            for value in [mid, mid.nextDown, mid.nextUp, -mid, -mid.nextUp] where HalfFloat.bits(value) != Float16(value).bitPattern {
                wrong.append(value)
            }
        }
        #expect(wrong.isEmpty, "first: \(wrong.prefix(5))")
    }

    @Test func seededRandomFloatsNarrowAsFloat16Does() {
        var generator = SeededGenerator(seed: 16)
        var wrong: [Float] = []
        for _ in 0..<100_000 {
            let value = Float(bitPattern: UInt32(truncatingIfNeeded: generator.next()))
            if !value.isNaN, HalfFloat.bits(value) != Float16(value).bitPattern { wrong.append(value) }
        }
        #expect(wrong.isEmpty, "first: \(wrong.prefix(5))")
    }
    #endif
}
