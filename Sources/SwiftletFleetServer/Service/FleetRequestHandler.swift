import SwiftletFleetProtocol

/// Serves Fleet API calls from their protobuf bodies: the seam between the HTTP layer and the fleet's state.
///
/// The HTTP layer checks method, path, size and signature, then hands the body here with the verified caller;
/// ``FleetService`` is the implementation. A request that fails leaves the state untouched.
public protocol FleetRequestHandler: Sendable {
    /// Handles `rpc` with request `body` from `caller` and returns the response body.
    /// - Throws: ``FleetFailure`` saying what was wrong with the request.
    func handle(_ rpc: FleetRPC, body: [UInt8], caller: FleetCaller) async throws(FleetFailure) -> [UInt8]
}
