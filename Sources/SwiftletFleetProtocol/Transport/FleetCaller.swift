/// Who made a request, as far as the server could establish it.
///
/// The HTTP layer fills this in after checking the request's signature; the fleet service then checks that
/// the node a request names belongs to this key.
public struct FleetCaller: Sendable, Equatable {
    /// The caller's public key (SEC1 or DER bytes as sent in `flwr-public-key-bin`), verified by its signature;
    /// `nil` when the server does not authenticate nodes.
    public var publicKey: [UInt8]?

    /// Creates a caller.
    public init(publicKey: [UInt8]? = nil) {
        self.publicKey = publicKey
    }

    /// A caller on a server without node authentication.
    public static let anonymous = FleetCaller()
}
