/// The three headers that authenticate a Fleet API request, as Flower's nodes send them.
///
/// `flwr-public-key-bin` and `flwr-signature-bin` carry base64 (the `-bin` suffix marks binary values), and
/// `flwr-timestamp` an ISO 8601 time; the signature is ECDSA over the timestamp's ASCII bytes.
public struct FleetAuthHeaders: Sendable, Equatable {
    /// Header name of the node's public key.
    public static let publicKeyName = "flwr-public-key-bin"
    /// Header name of the signature.
    public static let signatureName = "flwr-signature-bin"
    /// Header name of the signed timestamp.
    public static let timestampName = "flwr-timestamp"

    /// The public key, base64.
    public var publicKey: String
    /// The timestamp that was signed.
    public var timestamp: String
    /// The signature, base64.
    public var signature: String

    /// Creates headers from their values.
    public init(publicKey: String, timestamp: String, signature: String) {
        self.publicKey = publicKey
        self.timestamp = timestamp
        self.signature = signature
    }
}
