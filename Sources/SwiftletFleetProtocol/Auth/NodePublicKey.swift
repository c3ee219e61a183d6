import Crypto
import Foundation

/// A node's public key, P-256 or P-384: what the server's allow-list holds and what verifies a signature.
///
/// Two keys are equal when they are the same point on the same curve, however they were written.
/// ``flowerBytes`` is the form Flower sends in `flwr-public-key` and stores for a node: a PEM
/// `PUBLIC KEY` (SubjectPublicKeyInfo) block with 64-character lines and a trailing newline.
public struct NodePublicKey: Sendable, Hashable, CustomStringConvertible {
    enum Storage: Sendable {
        case p256(P256.Signing.PublicKey)
        case p384(P384.Signing.PublicKey)
    }

    let storage: Storage

    /// The curve.
    public var curve: NodeKeyCurve {
        switch storage {
        case .p256: .p256
        case .p384: .p384
        }
    }

    /// The uncompressed point (ANSI X9.63: `04 ‖ x ‖ y`).
    public var x963Representation: [UInt8] {
        switch storage {
        case .p256(let key): Array(key.x963Representation)
        case .p384(let key): Array(key.x963Representation)
        }
    }

    /// The DER SubjectPublicKeyInfo.
    public var derRepresentation: [UInt8] {
        switch storage {
        case .p256(let key): Array(key.derRepresentation)
        case .p384(let key): Array(key.derRepresentation)
        }
    }

    /// The PEM `PUBLIC KEY` block, as `cryptography` writes it.
    public var pemRepresentation: String { PEMBlock(label: "PUBLIC KEY", der: derRepresentation).text }

    /// The key in Flower's serialization (`public_key_to_bytes`): the PEM block's ASCII bytes.
    public var flowerBytes: [UInt8] { Array(pemRepresentation.utf8) }

    /// OpenSSH's SHA-256 fingerprint (`SHA256:…`, as `ssh-keygen -l` prints it), for logs and errors.
    public var fingerprint: String {
        let digest = Data(SHA256.hash(data: openSSHWireBytes)).base64EncodedString()
        return "SHA256:" + digest.trimmingCharacters(in: CharacterSet(charactersIn: "="))
    }

    public var description: String { "\(curve) \(fingerprint)" }

    init(storage: Storage) {
        self.storage = storage
    }

    /// Reads a DER SubjectPublicKeyInfo of a P-256 or P-384 key.
    /// - Throws: ``KeyFormatError`` when it is not one.
    public init(derRepresentation der: [UInt8]) throws(KeyFormatError) {
        if let key = try? P256.Signing.PublicKey(derRepresentation: der) {
            self.init(storage: .p256(key))
        } else if let key = try? P384.Signing.PublicKey(derRepresentation: der) {
            self.init(storage: .p384(key))
        } else {
            throw KeyFormatError("not a DER SubjectPublicKeyInfo of a P-256 or P-384 public key")
        }
    }

    /// Reads an uncompressed point (`04 ‖ x ‖ y`) on `curve`.
    /// - Throws: ``KeyFormatError`` when the bytes are not a point on the curve.
    public init(x963Representation bytes: [UInt8], curve: NodeKeyCurve) throws(KeyFormatError) {
        switch curve {
        case .p256:
            guard let key = try? P256.Signing.PublicKey(x963Representation: bytes) else {
                throw KeyFormatError("not an uncompressed point on P-256")
            }
            self.init(storage: .p256(key))
        case .p384:
            guard let key = try? P384.Signing.PublicKey(x963Representation: bytes) else {
                throw KeyFormatError("not an uncompressed point on P-384")
            }
            self.init(storage: .p384(key))
        }
    }

    /// Reads a single PEM `PUBLIC KEY` block.
    /// - Throws: ``KeyFormatError`` when the text holds no such block, several blocks, or another key.
    public init(pemRepresentation text: String) throws(KeyFormatError) {
        let blocks = try PEMBlock.blocks(in: text)
        guard blocks.count == 1, let block = blocks.first else {
            throw KeyFormatError("expected one PEM block, found \(blocks.count)")
        }
        guard block.label == "PUBLIC KEY" else {
            throw KeyFormatError("expected a PUBLIC KEY PEM block, found \(block.label)")
        }
        try self.init(derRepresentation: block.der)
    }

    /// Reads a key in Flower's serialization: the ASCII bytes of a PEM `PUBLIC KEY` block, as a node sends
    /// them in `flwr-public-key` (Flower's server accepts only this form there).
    /// - Throws: ``KeyFormatError`` when the bytes are not such a block.
    public init(flowerBytes bytes: [UInt8]) throws(KeyFormatError) {
        guard let text = String(bytes: bytes, encoding: .ascii) else {
            throw KeyFormatError("not ASCII text, so not a PEM public key")
        }
        try self.init(pemRepresentation: text)
    }

    /// Whether `signature` (DER-encoded ECDSA) signs `message` with SHA-256 under this key.
    ///
    /// Flower signs with `ECDSA(SHA256)` on every curve, so P-384 signatures also hash with SHA-256.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        signatureR(signature, for: message) != nil
    }

    /// The signature's `r` when `signature` is valid for `message`, else `nil`.
    ///
    /// `r` identifies a signature for replay detection: `(r, s)` and `(r, n − s)` both verify, so the DER
    /// bytes alone would let an attacker replay a request with its signature rewritten.
    func signatureR(_ signature: [UInt8], for message: [UInt8]) -> [UInt8]? {
        let digest = SHA256.hash(data: message)
        switch storage {
        case .p256(let key):
            guard let parsed = try? P256.Signing.ECDSASignature(derRepresentation: signature),
                  key.isValidSignature(parsed, for: digest) else { return nil }
            return Array(parsed.rawRepresentation.prefix(32))
        case .p384(let key):
            guard let parsed = try? P384.Signing.ECDSASignature(derRepresentation: signature),
                  key.isValidSignature(parsed, for: digest) else { return nil }
            return Array(parsed.rawRepresentation.prefix(48))
        }
    }

    public static func == (lhs: NodePublicKey, rhs: NodePublicKey) -> Bool {
        lhs.curve == rhs.curve && lhs.x963Representation == rhs.x963Representation
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(curve)
        hasher.combine(x963Representation)
    }
}
