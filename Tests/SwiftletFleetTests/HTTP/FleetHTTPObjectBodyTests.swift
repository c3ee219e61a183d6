import SwiftletFleetHTTPServer
import SwiftletFleetNode
@testable import SwiftletFleetProtocol
import SwiftletFleetServer
import Synchronization
import Testing

/// A handler that records the object bodies it is handed split, and answers with their length.
final class ObjectBodyRecorder: FleetRequestHandler {
    let split = Mutex<[(FleetRPC, ObjectMessageBody)]>([])
    let whole = Mutex<[FleetRPC]>([])

    func handle(_ rpc: FleetRPC, body: [UInt8], caller: FleetCaller) async throws(FleetFailure) -> [UInt8] {
        whole.withLock { $0.append(rpc) }
        return []
    }

    func handle(_ rpc: FleetRPC, body: ObjectMessageBody, caller: FleetCaller) async throws(FleetFailure) -> [UInt8] {
        split.withLock { $0.append((rpc, body)) }
        return []
    }
}

/// A handler that answers every call with fixed bytes.
struct FixedAnswerHandler: FleetRequestHandler {
    let answer: [UInt8]

    func handle(_ rpc: FleetRPC, body: [UInt8], caller: FleetCaller) async throws(FleetFailure) -> [UInt8] { answer }
}

/// Object pushes reach the handler with each update read into its own array as it arrived.
@Suite struct FleetHTTPObjectBodyTests {
    static let uploads = [
        ObjectUpload(nodeID: 4, runID: 2, objectID: String(repeating: "c", count: 64),
                     content: (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 13) }, sessionID: "s"),
        ObjectUpload(nodeID: 4, runID: 2, objectID: String(repeating: "d", count: 64), content: [1, 2, 3], sessionID: "s"),
    ]

    @Test func aPushBatchArrivesSplitWithItsUpdateInItsOwnArray() async throws {
        let handler = ObjectBodyRecorder()
        _ = try await withServer(handler: handler) { port in
            try await withTransport("http://127.0.0.1:\(port)") {
                try await $0.send(.pushObjects, parts: ObjectUpload.serializedParts(Self.uploads))
            }
        }
        let (rpc, body) = try #require(handler.split.withLock { $0.first })
        #expect(rpc == .pushObjects)
        #expect(body.shape == .uploadBatch)
        #expect(body.contents.map(\.bytes.count) == [300_000])
        #expect(try ObjectUpload.batch(body: body) == Self.uploads)
        #expect(handler.whole.withLock { $0.isEmpty })
    }

    @Test func aSinglePushArrivesSplitAndOtherCallsWhole() async throws {
        let handler = ObjectBodyRecorder()
        _ = try await withServer(handler: handler) { port in
            try await withTransport("http://127.0.0.1:\(port)") { transport in
                _ = try await transport.send(.pushObject, body: Self.uploads[0].serialized())
                _ = try await transport.send(.pullObjects, body: [])
            }
        }
        let (rpc, body) = try #require(handler.split.withLock { $0.first })
        #expect(rpc == .pushObject)
        #expect(try ObjectUpload(body: body) == Self.uploads[0])
        #expect(handler.whole.withLock { $0 } == [.pullObjects])
    }

    static let downloads = [
        ObjectDownload(found: true, available: true, content: (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 11) }),
        ObjectDownload(found: true, available: false, content: []),
    ]

    @Test func aPulledBatchIsReceivedWithItsModelInItsOwnArray() async throws {
        let handler = FixedAnswerHandler(answer: ObjectDownload.serializedBatch(Self.downloads))
        let body = try await withServer(handler: handler) { port in
            try await withTransport("http://127.0.0.1:\(port)") { try await $0.send(.pullObjects, body: [], receiving: .downloadBatch) }
        }
        #expect(body.contents.map(\.bytes.count) == [300_000])
        #expect(try ObjectDownload.batch(body: body) == Self.downloads)
    }

    @Test func aFailedPullIsTheServersVerdict() async throws {
        let failure = await #expect(throws: FleetFailure.self) {
            try await withServer(handler: EchoHandler(failure: FleetFailure(.notFound, "no such run"))) { port in
                try await withTransport("http://127.0.0.1:\(port)") { try await $0.send(.pullObjects, body: [], receiving: .downloadBatch) }
            }
        }
        #expect(failure?.kind == .notFound)
        #expect(failure?.message == "no such run")
    }

    @Test func aPulledBatchOverTheResponseLimitIsRefused() async throws {
        let handler = FixedAnswerHandler(answer: ObjectDownload.serializedBatch(Self.downloads))
        let failure = await #expect(throws: FleetFailure.self) {
            try await withServer(handler: handler) { port in
                let transport = try HTTPFleetTransport(baseURL: "http://127.0.0.1:\(port)", maxResponseBytes: 100_000)
                defer { Task { await transport.shutdown() } }
                return try await transport.send(.pullObjects, body: [], receiving: .downloadBatch)
            }
        }
        #expect(failure?.kind == .badRequest)
        #expect(failure?.message.contains("larger than 100000 bytes") == true)
    }
}
