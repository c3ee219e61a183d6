import SwiftletFleetProtocol

/// Serves Fleet API calls from their protobuf bodies: the seam between the HTTP layer and the fleet's state.
///
/// The HTTP layer checks method, path, size and signature, then hands the body here with the verified caller;
/// ``FleetService`` is the implementation. A request that fails leaves the state untouched.
public protocol FleetRequestHandler: Sendable {
    /// Handles `rpc` with request `body` from `caller` and returns the response body.
    /// - Throws: ``FleetFailure`` saying what was wrong with the request.
    func handle(_ rpc: FleetRPC, body: [UInt8], caller: FleetCaller) async throws(FleetFailure) -> [UInt8]

    /// Handles `rpc` whose request body arrived into `body`: the calls with a
    /// ``FleetRPC/requestObjectShape``, whose update the HTTP layer keeps in its own array as it arrives.
    /// - Throws: ``FleetFailure`` saying what was wrong with the request.
    func handle(_ rpc: FleetRPC, body: ObjectMessageBody, caller: FleetCaller) async throws(FleetFailure) -> [UInt8]
}

extension FleetRequestHandler {
    /// Joins the body and handles its bytes: for handlers that read every body whole.
    public func handle(_ rpc: FleetRPC, body: ObjectMessageBody, caller: FleetCaller) async throws(FleetFailure) -> [UInt8] {
        try await handle(rpc, body: body.joined(), caller: caller)
    }
}
