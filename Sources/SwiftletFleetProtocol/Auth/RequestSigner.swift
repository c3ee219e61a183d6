import Foundation

/// Signs a node's Fleet API requests the way Flower's node does, byte for byte.
///
/// For each request: the time as ``FleetTimestamp`` text, an ECDSA-SHA256 signature over its ASCII bytes,
/// and the node's public key in Flower's serialization, both base64 (standard alphabet, padded).
public struct RequestSigner: RequestSigning {
    /// The node's key.
    public let key: NodeKey
    /// The `flwr-public-key` value, computed once.
    public let encodedPublicKey: String

    /// Creates a signer for `key`.
    public init(key: NodeKey) {
        self.key = key
        self.encodedPublicKey = Data(key.publicKey.flowerBytes).base64EncodedString()
    }

    /// The headers for a request sent at `date`.
    public func headers(at date: Date) -> FleetAuthHeaders {
        let timestamp = FleetTimestamp.string(for: date)
        let signature = key.signature(for: Array(timestamp.utf8))
        return FleetAuthHeaders(
            publicKey: encodedPublicKey, timestamp: timestamp, signature: Data(signature).base64EncodedString())
    }
}
