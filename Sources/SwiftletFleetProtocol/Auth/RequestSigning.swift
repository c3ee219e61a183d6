import Foundation

/// Signs a node's requests: the node-side half of node authentication.
public protocol RequestSigning: Sendable {
    /// The headers for a request sent at `date`.
    func headers(at date: Date) -> FleetAuthHeaders
}

/// Checks a request's signature headers: the server-side half of node authentication.
public protocol RequestAuthenticating: Sendable {
    /// The verified caller of a request received at `date` with `headers` (`nil` when it had none).
    /// - Throws: ``FleetFailure`` — ``FleetFailure/Kind/unauthenticated`` for missing, malformed, wrongly signed,
    ///   stale or replayed headers; ``FleetFailure/Kind/forbidden`` for a key that is not on the allow-list.
    func authenticate(_ headers: FleetAuthHeaders?, at date: Date) async throws(FleetFailure) -> FleetCaller
}
