import Synchronization
import Testing
@testable import SwiftletFleetProtocol

@Suite struct FleetTransportTests {
    /// A transport that keeps the last body it was given and answers it back.
    final class EchoTransport: FleetTransport {
        let last = Mutex<[UInt8]>([])

        func send(_ rpc: FleetRPC, body: [UInt8]) async throws(FleetFailure) -> [UInt8] {
            last.withLock { $0 = body }
            return body
        }
    }

    @Test func partsAreJoinedIntoOneBodyByDefault() async throws {
        let transport = EchoTransport()
        let answer = try await transport.send(.pushObjects, parts: [[1, 2], [], [3, 4, 5]])
        #expect(answer == [1, 2, 3, 4, 5])
        #expect(transport.last.withLock { $0 } == [1, 2, 3, 4, 5])
    }
}
