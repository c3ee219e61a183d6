/// Rewrites a DER ECDSA P-256 signature `(r, s)` as `(r, n − s)`: another valid signature of the same
/// message, which an attacker can compute without the key.
enum MalleableSignature {
    struct Malformed: Error {}

    /// The P-256 group order n, big-endian.
    static let order: [UInt8] = [
        0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xBC, 0xE6, 0xFA, 0xAD, 0xA7, 0x17, 0x9E, 0x84, 0xF3, 0xB9, 0xCA, 0xC2, 0xFC, 0x63, 0x25, 0x51,
    ]

    static func negatingS(_ der: [UInt8]) throws -> [UInt8] {
        // SEQUENCE (short length) { INTEGER r, INTEGER s }
        guard der.count > 2, der[0] == 0x30, der[2] == 0x02 else { throw Malformed() }
        let rLength = Int(der[3])
        let rField = Array(der[2..<(4 + rLength)])
        let sStart = 4 + rLength
        guard der[sStart] == 0x02 else { throw Malformed() }
        let sLength = Int(der[sStart + 1])
        let s = Array(der[(sStart + 2)..<(sStart + 2 + sLength)]).drop(while: { $0 == 0 })
        let padded = [UInt8](repeating: 0, count: 32 - s.count) + s
        // n − s, byte-wise with borrow.
        var difference = [UInt8](repeating: 0, count: 32)
        var borrow = 0
        for index in stride(from: 31, through: 0, by: -1) {
            var value = Int(order[index]) - Int(padded[index]) - borrow
            borrow = value < 0 ? 1 : 0
            if value < 0 { value += 256 }
            difference[index] = UInt8(value)
        }
        var minimal = Array(difference.drop(while: { $0 == 0 }))
        if let first = minimal.first, first >= 0x80 { minimal.insert(0, at: 0) }
        let sField = [0x02, UInt8(minimal.count)] + minimal
        let body = rField + sField
        return [0x30, UInt8(body.count)] + body
    }
}
