/// Packs bit fields least significant bit first into bytes, for Rice-coded indices and k-bit codes.
struct BitWriter {
    /// Completed bytes.
    private(set) var bytes: [UInt8] = []
    private var accumulator: UInt64 = 0
    private var pending = 0

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Appends the low `count` bits of `value` (`count` ≤ 32).
    mutating func write(_ value: UInt32, bits count: Int) {
        guard count > 0 else { return }
        accumulator |= UInt64(value & UInt32(truncatingIfNeeded: (UInt64(1) << UInt64(count)) - 1)) << UInt64(pending)
        pending += count
        flushWholeBytes()
    }

    /// Appends `count` one bits then a zero bit: the unary code of `count`.
    mutating func writeUnary(_ count: Int) {
        var left = count
        while left >= 32 {
            write(UInt32.max, bits: 32)
            left -= 32
        }
        write(UInt32(truncatingIfNeeded: (UInt64(1) << UInt64(left)) - 1), bits: left + 1)
    }

    /// The bytes, the last one padded with zero bits.
    mutating func finish() -> [UInt8] {
        if pending > 0 { bytes.append(UInt8(truncatingIfNeeded: accumulator)) }
        accumulator = 0
        pending = 0
        return bytes
    }

    private mutating func flushWholeBytes() {
        while pending >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: accumulator))
            accumulator >>= 8
            pending -= 8
        }
    }
}
