import SwiftletTensor

/// Values as IEEE 754 binary16 (`f16`, 2 bytes, round to nearest even): 10 fraction bits, range ±65,504.
///
/// Mixed-precision training (Micikevicius et al., ICLR 2018) showed fp16 holds weights and updates with
/// care for small magnitudes; for federated deltas it halves the bytes with a relative error ≤ 2⁻¹¹ for
/// normal values. Values beyond ±65,504 become infinities, which the server's validation rejects. The
/// conversions are ``HalfFloat``'s, so the bytes are the same on every platform, Intel Macs included.
enum HalfPrecisionQuantizer {
    static func payloadSize(count: Int) -> Int { count * 2 }

    static func encode(_ values: UnsafeBufferPointer<Float>, into out: UnsafeMutableRawBufferPointer) {
        for i in 0..<values.count {
            out.storeBytes(of: HalfFloat.bits(values[i]).littleEndian, toByteOffset: 2 * i, as: UInt16.self)
        }
    }

    static func decode(_ payload: UnsafeRawBufferPointer, count: Int, into out: UnsafeMutablePointer<Float>) {
        for i in 0..<count {
            out[i] = HalfFloat.value(UInt16(littleEndian: payload.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)))
        }
    }
}
