import SwiftletTensor

/// Values as IEEE 754 binary16 (`f16`, 2 bytes, round to nearest even): 10 fraction bits, range ±65,504.
///
/// Mixed-precision training (Micikevicius et al., ICLR 2018) showed fp16 holds weights and updates with
/// care for small magnitudes; for federated deltas it halves the bytes with a relative error ≤ 2⁻¹¹ for
/// normal values. Values beyond ±65,504 become infinities, which the server's validation rejects. Where
/// Swift has `Float16` its conversions are used (vectorised); on Intel Macs, which lack it, ``HalfFloat``'s
/// integer conversions give the same bits (tested against `Float16` bit for bit).
enum HalfPrecisionQuantizer {
    static func payloadSize(count: Int) -> Int { count * 2 }

    static func encode(_ values: UnsafeBufferPointer<Float>, into out: UnsafeMutableRawBufferPointer) {
        for i in 0..<values.count {
            #if arch(x86_64) && (os(macOS) || targetEnvironment(macCatalyst))
            let bits = HalfFloat.bits(values[i])
            #else
            let bits = Float16(values[i]).bitPattern   // the hardware conversion, vectorised; the same bits
            #endif
            out.storeBytes(of: bits.littleEndian, toByteOffset: 2 * i, as: UInt16.self)
        }
    }

    static func decode(_ payload: UnsafeRawBufferPointer, count: Int, into out: UnsafeMutablePointer<Float>) {
        for i in 0..<count {
            let bits = UInt16(littleEndian: payload.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))
            #if arch(x86_64) && (os(macOS) || targetEnvironment(macCatalyst))
            out[i] = HalfFloat.value(bits)
            #else
            out[i] = Float(Float16(bitPattern: bits))
            #endif
        }
    }
}
