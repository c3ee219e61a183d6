/// The elliptic curves a node key may use: NIST P-256 and P-384 (Flower generates P-384).
public enum NodeKeyCurve: String, Sendable, Equatable, Hashable, CaseIterable, CustomStringConvertible {
    /// NIST P-256 (secp256r1, prime256v1).
    case p256 = "P-256"
    /// NIST P-384 (secp384r1).
    case p384 = "P-384"

    /// The curve's name in OpenSSH key lines (`nistp256`, `nistp384`).
    public var openSSHName: String {
        switch self {
        case .p256: "nistp256"
        case .p384: "nistp384"
        }
    }

    /// The key type of OpenSSH key lines (`ecdsa-sha2-nistp256`, `ecdsa-sha2-nistp384`).
    public var openSSHKeyType: String { "ecdsa-sha2-\(openSSHName)" }

    /// Bytes in one coordinate or scalar (32 or 48).
    var coordinateSize: Int { self == .p256 ? 32 : 48 }

    /// The DER-encoded named-curve object identifier (prime256v1 or secp384r1), tag included.
    var oidDER: [UInt8] {
        switch self {
        case .p256: [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]
        case .p384: [0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x22]
        }
    }

    public var description: String { rawValue }
}
