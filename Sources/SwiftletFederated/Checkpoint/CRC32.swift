/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum of zip, PNG and Ethernet.
///
/// Catches torn writes and bit rot in checkpoints; it is not a defence against deliberate tampering (the
/// state store is trusted storage).
enum CRC32 {
    /// The 256-entry lookup table of the reflected polynomial.
    static let table: [UInt32] = (0..<256).map { byte in
        var crc = UInt32(byte)
        for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        return crc
    }

    /// The checksum of `bytes`.
    static func checksum<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return ~crc
    }
}
