import Foundation
import SwiftletFleetProtocol
import Testing
@testable import SwiftletFleetServer

/// Swiftlet's batched object calls: several PullObject or PushObject calls in one request.
@Suite struct FleetServiceBatchTests {
    let key: [UInt8] = Array(repeating: 3, count: 65)

    func pullRequest(_ f: FleetFixture, node: UInt64, ids: [String]) -> Swiftlet_Fleet_PullObjectsRequest {
        var request = Swiftlet_Fleet_PullObjectsRequest()
        request.requests = ids.map { id in
            var item = Flwr_Proto_PullObjectRequest()
            item.node.nodeID = node
            item.runID = f.run
            item.objectID = id
            return item
        }
        return request
    }

    func pushRequest(_ f: FleetFixture, node: UInt64, objects: [(String, [UInt8])]) -> Swiftlet_Fleet_PushObjectsRequest {
        var request = Swiftlet_Fleet_PushObjectsRequest()
        request.requests = objects.map { id, bytes in
            var item = Flwr_Proto_PushObjectRequest()
            item.node.nodeID = node
            item.runID = f.run
            item.objectID = id
            item.objectContent = Data(bytes)
            return item
        }
        return request
    }

    /// The failure a call throws, or nil.
    func failure(_ body: () async throws -> Void) async -> FleetFailure? {
        do { try await body(); return nil } catch let failure as FleetFailure { return failure } catch { return nil }
    }

    /// A node that was sent an instruction and pushed its reply's message but none of its objects.
    struct HalfPushedReply {
        let f: FleetFixture
        let node: UInt64
        let instruction: OutgoingMessage
        /// The reply's objects the server asked for, id and bytes, in the order it named them.
        let objects: [(String, [UInt8])]
    }

    func halfPushedReply(store: (any FleetStore)? = nil) async throws -> HalfPushedReply {
        let f = try await FleetFixture(store: store)
        let node = try await f.online(key: key)
        let instruction = FleetFixture.message(run: f.run, destination: node, content: [1])
        try await f.service.post(instruction)
        let reply = FleetFixture.message(run: f.run, source: node, replyTo: instruction.message.metadata.messageID, content: [2, 2])
        let asked = try await f.push(reply, node: node, key: key, objects: false)
        return HalfPushedReply(f: f, node: node, instruction: instruction, objects: asked.objectsToPush.map { ($0, reply.objects[$0]!) })
    }

    /// Pushes `objects` as one batch; answers the failure, or nil when it was taken.
    func pushBatch(_ p: HalfPushedReply, _ objects: [(String, [UInt8])]) async -> FleetFailure? {
        await failure {
            let _: Swiftlet_Fleet_PushObjectsResponse = try await p.f.call(.pushObjects, pushRequest(p.f, node: p.node, objects: objects), key: key)
        }
    }

    @Test func anEmptyBatchIsAnsweredEmptyWithoutANode() async throws {
        let f = try await FleetFixture()
        let pulled: Swiftlet_Fleet_PullObjectsResponse = try await f.call(.pullObjects, Swiftlet_Fleet_PullObjectsRequest())
        let pushed: Swiftlet_Fleet_PushObjectsResponse = try await f.call(.pushObjects, Swiftlet_Fleet_PushObjectsRequest())
        #expect(pulled.responses.isEmpty)
        #expect(pushed.responses.isEmpty)
    }

    @Test func aPullBatchAnswersEachObjectInOrderAsPullObjectWould() async throws {
        let f = try await FleetFixture()
        let node = try await f.online(key: key)
        let instruction = FleetFixture.message(run: f.run, destination: node, content: [4, 5])
        try await f.service.post(instruction)
        let content = FleetFixture.sha([4, 5]), message = instruction.message.metadata.messageID
        let unknown = FleetFixture.sha([9])
        let answer: Swiftlet_Fleet_PullObjectsResponse =
            try await f.call(.pullObjects, pullRequest(f, node: node, ids: [content, unknown, message]), key: key)
        #expect(answer.responses.count == 3)
        #expect(answer.responses[0].objectFound && answer.responses[0].objectAvailable)
        #expect(answer.responses[0].objectContent == Data([4, 5]))
        #expect(answer.responses[1] == Flwr_Proto_PullObjectResponse())
        #expect(answer.responses[2].objectContent == Data(instruction.objects[message]!))
        #expect(await f.service.counters.objectsOut == 2)
    }

    @Test func aPullBatchStopsAtTheByteBudgetButAlwaysAnswersOne() async throws {
        // Budget 4 bytes: objects of 3, 3 and 5 bytes come back as [3], then [3], then the 5 alone.
        let f = try await FleetFixture(limits: FleetServiceLimits(maxBatchBytes: 4))
        let node = try await f.online(key: key)
        let contents: [[UInt8]] = [[1, 1, 1], [2, 2, 2], [3, 3, 3, 3, 3]]
        for content in contents { try await f.service.post(FleetFixture.message(run: f.run, destination: node, content: content)) }
        var ids = contents.map(FleetFixture.sha)
        var sizes: [[Int]] = []
        while !ids.isEmpty {
            let answer: Swiftlet_Fleet_PullObjectsResponse = try await f.call(.pullObjects, pullRequest(f, node: node, ids: ids), key: key)
            sizes.append(answer.responses.map(\.objectContent.count))
            ids.removeFirst(answer.responses.count)
        }
        #expect(sizes == [[3], [3], [5]])
    }

    @Test func aPullBatchNamingTwoNodesIsRefusedNamingTheItem() async throws {
        let f = try await FleetFixture()
        let node = try await f.online(key: key)
        var request = pullRequest(f, node: node, ids: [FleetFixture.sha([1]), FleetFixture.sha([2])])
        request.requests[1].node.nodeID = node &+ 1
        let refused = await failure { let _: Swiftlet_Fleet_PullObjectsResponse = try await f.call(.pullObjects, request, key: key) }
        #expect(refused?.kind == .badRequest)
        #expect(refused?.message.hasPrefix("requests[1].node.node_id") == true)
    }

    @Test func aPullBatchWithABadIDIsRefusedNamingTheItem() async throws {
        let f = try await FleetFixture()
        let node = try await f.online(key: key)
        let request = pullRequest(f, node: node, ids: [FleetFixture.sha([1]), "not-a-hash"])
        let refused = await failure { let _: Swiftlet_Fleet_PullObjectsResponse = try await f.call(.pullObjects, request, key: key) }
        #expect(refused?.kind == .badRequest)
        #expect(refused?.message.hasPrefix("requests[1].object_id") == true)
    }

    @Test func aBatchOfMoreItemsThanAMessageMayHaveIsRefused() async throws {
        let f = try await FleetFixture(limits: FleetServiceLimits(maxObjectsPerMessage: 2))
        let node = try await f.online(key: key)
        let request = pullRequest(f, node: node, ids: [[1], [2], [3]].map(FleetFixture.sha))
        let refused = await failure { let _: Swiftlet_Fleet_PullObjectsResponse = try await f.call(.pullObjects, request, key: key) }
        #expect(refused?.kind == .payloadTooLarge)
    }

    @Test func aPushBatchStoresEveryObjectAndCompletesTheReply() async throws {
        let p = try await halfPushedReply()
        let waiting = Task { try await p.f.service.reply(to: p.instruction.message.metadata.messageID) }
        #expect(p.objects.count == 2)
        let answer: Swiftlet_Fleet_PushObjectsResponse = try await p.f.call(
            .pushObjects, pushRequest(p.f, node: p.node, objects: p.objects), key: key)
        #expect(answer.responses.count == 2 && answer.responses.allSatisfy(\.stored))
        let received = try await waiting.value
        #expect(received.objects == Dictionary(uniqueKeysWithValues: p.objects))
        #expect(await p.f.service.counters.objectsIn == 2)
    }

    @Test func aPushBatchWithAnUnknownObjectStoresNothing() async throws {
        let p = try await halfPushedReply()
        let stranger: [UInt8] = [7, 7, 7]
        let refused = await pushBatch(p, p.objects + [(FleetFixture.sha(stranger), stranger)])
        #expect(refused?.kind == .notFound)
        #expect(refused?.message.hasPrefix("requests[2].object_id") == true)
        for (id, _) in p.objects { #expect(try p.f.store.object(id) == .some(nil)) }
    }

    @Test func aPushBatchWithAnObjectThatIsNotItsHashStoresNothing() async throws {
        let p = try await halfPushedReply()
        var objects = p.objects
        objects[1].1 = [0xAB]
        let refused = await pushBatch(p, objects)
        #expect(refused?.kind == .badRequest)
        #expect(refused?.message.hasPrefix("requests[1].object_id") == true)
        for (id, _) in p.objects { #expect(try p.f.store.object(id) == .some(nil)) }
    }

    @Test func aPushBatchRepeatedIsAnsweredAsTheFirstAndStoresOnce() async throws {
        let p = try await halfPushedReply()
        let request = pushRequest(p.f, node: p.node, objects: p.objects + [p.objects[0]])
        let first: Swiftlet_Fleet_PushObjectsResponse = try await p.f.call(.pushObjects, request, key: key)
        let second: Swiftlet_Fleet_PushObjectsResponse = try await p.f.call(.pushObjects, request, key: key)
        #expect(first == second)
        #expect(first.responses.count == 3)
        #expect(await p.f.service.counters.objectsIn == 2)
    }

    @Test func aMalformedPushBatchIsRefusedNamingTheByteAndStoresNothing() async throws {
        let p = try await halfPushedReply()
        let whole: [UInt8] = try pushRequest(p.f, node: p.node, objects: p.objects).serializedBytes()
        let cut = Array(whole.dropLast())
        let refused = await failure { _ = try await p.f.service.handle(.pushObjects, body: cut, caller: FleetCaller(publicKey: key)) }
        #expect(refused?.kind == .badRequest)
        // The last item is the one cut short: the fault starts at its length prefix.
        let item = try pushRequest(p.f, node: p.node, objects: p.objects).requests[1].serializedBytes() as [UInt8]
        #expect(item.count < 16_384)
        let lengthAt = whole.count - item.count - (item.count < 128 ? 1 : 2)
        #expect(refused?.message == "swiftlet-push-objects: body is not a valid swiftlet.fleet.PushObjectsRequest: "
            + "a field of \(item.count) bytes with \(item.count - 1) left (byte \(lengthAt))")
        for (id, _) in p.objects { #expect(try p.f.store.object(id) == .some(nil)) }
        #expect(await p.f.service.counters.objectsIn == 0)
    }

    /// A store in a fresh file keeping every object of a byte or more in a file; removed by the caller.
    static func fileStore() throws -> (store: SQLiteFleetStore, path: String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("batch-\(UUID()).sqlite").path
        return (try SQLiteFleetStore(path: path, fileThreshold: 1), path)
    }

    static func removeStore(at path: String) {
        for suffix in ["", "-wal", "-shm", ".objects"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    @Test func pushBatchesLeaveNoStagingFileWhetherRefusedOrStored() async throws {
        let (store, path) = try Self.fileStore()
        defer { Self.removeStore(at: path) }
        let p = try await halfPushedReply(store: store)
        let stranger: [UInt8] = [7, 7, 7]
        #expect(await pushBatch(p, p.objects + [(FleetFixture.sha(stranger), stranger)])?.kind == .notFound)
        #expect(store.files?.staging.fileNames == [])
        for (id, _) in p.objects { #expect(!FileManager.default.fileExists(atPath: store.files!.path(id))) }
        #expect(await pushBatch(p, p.objects) == nil)
        #expect(store.files?.staging.fileNames == [])
        for (id, bytes) in p.objects { #expect(try store.files?.read(id) == bytes) }
    }

    @Test func anUploadRefusedBeforeTheStoreIsAskedLeavesNoStagingFile() async throws {
        let (store, path) = try Self.fileStore()
        defer { Self.removeStore(at: path) }
        let p = try await halfPushedReply(store: store)
        var request = Flwr_Proto_PushObjectRequest()
        request.node.nodeID = p.node
        request.runID = p.f.run
        request.objectID = p.objects[0].0
        request.objectContent = Data(p.objects[0].1)
        // Another key than the node's: refused by the ownership check, after the upload was staged.
        let refused = await failure {
            let _: Flwr_Proto_PushObjectResponse = try await p.f.call(.pushObject, request, key: [UInt8](repeating: 9, count: 65))
        }
        #expect(refused?.kind == .forbidden)
        #expect(store.files?.staging.fileNames == [])
        #expect(try store.object(p.objects[0].0) == .some(nil))
    }
}
