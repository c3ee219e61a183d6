import SwiftletFleetProtocol
import Testing

@Suite struct FleetRPCTests {
    @Test func pathsFollowFlowersFleetRoutes() {
        #expect(FleetRPC.pullMessages.path == "/v1/fleet/pull-messages")
        #expect(FleetRPC.confirmMessageReceived.path == "/v1/fleet/confirm-message-received")
        #expect(FleetRPC.allCases.filter(\.isFlower).count == 12)
    }

    @Test func swiftletsOwnCallsLiveBesideFlowersUnderAPrefix() {
        #expect(FleetRPC.pullObjects.path == "/v1/fleet/swiftlet-pull-objects")
        #expect(FleetRPC.pushObjects.path == "/v1/fleet/swiftlet-push-objects")
        #expect(FleetRPC.allCases.filter { !$0.isFlower } == [.pullObjects, .pushObjects])
    }

    @Test func everyPathMapsBackToItsRPC() {
        for rpc in FleetRPC.allCases { #expect(FleetRPC(path: rpc.path) == rpc) }
        #expect(FleetRPC(path: "/v1/fleet/drop-tables") == nil)
        #expect(FleetRPC(path: "/v2/fleet/pull-messages") == nil)
    }

    @Test func failureKindsMapToHTTPStatusesAndBack() {
        #expect(FleetFailure.Kind.payloadTooLarge.httpStatus == 413)
        #expect(FleetFailure.Kind(httpStatus: 401) == .unauthenticated)
        #expect(FleetFailure.Kind(httpStatus: 418) == .badRequest)
        #expect(FleetFailure.Kind(httpStatus: 502) == .internalError)
        #expect(FleetFailure(.unavailable, "down").isRetryable)
        #expect(!FleetFailure(.forbidden, "no").isRetryable)
    }
}
