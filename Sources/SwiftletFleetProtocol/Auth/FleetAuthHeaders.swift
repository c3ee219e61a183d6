/// The three headers that authenticate a Fleet API request, as Flower's nodes send them over HTTP.
///
/// Flower 1.40's protobuf-over-HTTP Fleet API names them `flwr-public-key`, `flwr-timestamp` and
/// `flwr-signature` (its gRPC transport used `-bin` names; the HTTP routes do not). `flwr-public-key` is the
/// base64 of the node's public key as a PEM `PUBLIC KEY` block (SubjectPublicKeyInfo, the bytes Flower's
/// `public_key_to_bytes` produces), `flwr-timestamp` the time of signing as Python's
/// `datetime.isoformat()` writes it (`2026-11-23T19:47:09.123456+00:00`), and `flwr-signature` the base64 of
/// a DER-encoded ECDSA signature with SHA-256 over the timestamp's ASCII bytes (SHA-256 on P-384 too).
public struct FleetAuthHeaders: Sendable, Equatable {
    /// Header name of the node's public key.
    public static let publicKeyName = "flwr-public-key"
    /// Header name of the signature.
    public static let signatureName = "flwr-signature"
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

    /// Reads the headers from a name lookup (case-insensitive names are the caller's job), or `nil` when all
    /// three are absent.
    ///
    /// When only some are present the missing ones become empty strings, which the authenticator rejects
    /// with a message naming them.
    public init?(lookup: (String) -> String?) {
        let key = lookup(Self.publicKeyName)
        let time = lookup(Self.timestampName)
        let signature = lookup(Self.signatureName)
        if key == nil, time == nil, signature == nil { return nil }
        self.init(publicKey: key ?? "", timestamp: time ?? "", signature: signature ?? "")
    }

    /// The headers as name–value pairs, in the order Flower's node adds them.
    public var fields: [(name: String, value: String)] {
        [(Self.publicKeyName, publicKey), (Self.timestampName, timestamp), (Self.signatureName, signature)]
    }
}
