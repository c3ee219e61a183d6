import Crypto
import Foundation

/// A node's private key, P-256 or P-384: it signs the node's requests.
///
/// Generated from the system's secure random number generator (there is deliberately no seeded variant: a
/// key from a seed is a key anyone with the seed holds). Written and read as PEM: PKCS#8 (`PRIVATE KEY`,
/// what Flower's `private_key_to_bytes` writes) or SEC1 (`EC PRIVATE KEY`, what `openssl ecparam -genkey`
/// writes).
public struct NodeKey: Sendable {
    enum Storage: Sendable {
        case p256(P256.Signing.PrivateKey)
        case p384(P384.Signing.PrivateKey)
    }

    let storage: Storage

    /// The curve.
    public var curve: NodeKeyCurve {
        switch storage {
        case .p256: .p256
        case .p384: .p384
        }
    }

    /// The matching public key.
    public var publicKey: NodePublicKey {
        switch storage {
        case .p256(let key): NodePublicKey(storage: .p256(key.publicKey))
        case .p384(let key): NodePublicKey(storage: .p384(key.publicKey))
        }
    }

    /// A new random key on `curve` (P-384 by default, as Flower generates).
    public static func generate(_ curve: NodeKeyCurve = .p384) -> NodeKey {
        switch curve {
        case .p256: NodeKey(storage: .p256(P256.Signing.PrivateKey()))
        case .p384: NodeKey(storage: .p384(P384.Signing.PrivateKey()))
        }
    }

    init(storage: Storage) {
        self.storage = storage
    }

    /// Signs `message`: DER-encoded ECDSA with SHA-256 (on both curves, as Flower's `sign_message` does).
    ///
    /// ECDSA draws a fresh nonce per signature, so two signatures of one message differ.
    public func signature(for message: [UInt8]) -> [UInt8] {
        let digest = SHA256.hash(data: message)
        do {
            switch storage {
            case .p256(let key): return Array(try key.signature(for: digest).derRepresentation)
            case .p384(let key): return Array(try key.signature(for: digest).derRepresentation)
            }
        } catch {
            // BoringSSL fails to sign with a valid key only when the process's random source is broken.
            preconditionFailure("ECDSA signing with a valid \(curve) key failed: \(error)")
        }
    }

    /// The private scalar, big-endian, 32 or 48 bytes.
    var scalar: [UInt8] {
        switch storage {
        case .p256(let key): Array(key.rawRepresentation)
        case .p384(let key): Array(key.rawRepresentation)
        }
    }

    /// Reads a key from its private scalar on `curve`.
    init(scalar: [UInt8], curve: NodeKeyCurve) throws(KeyFormatError) {
        guard scalar.count == curve.coordinateSize else {
            throw KeyFormatError("a \(curve) private key has \(curve.coordinateSize) bytes, not \(scalar.count)")
        }
        switch curve {
        case .p256:
            guard let key = try? P256.Signing.PrivateKey(rawRepresentation: scalar) else {
                throw KeyFormatError("not a valid \(curve) private key")
            }
            self.init(storage: .p256(key))
        case .p384:
            guard let key = try? P384.Signing.PrivateKey(rawRepresentation: scalar) else {
                throw KeyFormatError("not a valid \(curve) private key")
            }
            self.init(storage: .p384(key))
        }
    }
}
