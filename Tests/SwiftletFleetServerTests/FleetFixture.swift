import Crypto
import Foundation
import SwiftProtobuf
import SwiftletFleetProtocol
@testable import SwiftletFleetServer

/// A clock the tests move by hand.
final class DrivenClock: @unchecked Sendable {
    private let lock = NSLock()
    private var time = Date(timeIntervalSince1970: 1_800_000_000)
    var now: Date { lock.withLock { time } }
    func advance(_ seconds: Double) { lock.withLock { time.addTimeInterval(seconds) } }
}

/// A service over an in-memory store, with helpers that speak protobuf to it like a node.
struct FleetFixture {
    let store: any FleetStore
    let clock: DrivenClock
    let service: FleetService
    let run: UInt64

    init(store: (any FleetStore)? = nil, limits: FleetServiceLimits = FleetServiceLimits(),
         clock: DrivenClock = DrivenClock()) async throws {
        let store = try store ?? SQLiteFleetStore()
        self.store = store
        self.clock = clock
        service = FleetService(store: store, limits: limits, now: { clock.now })
        run = try await service.createRun(name: "test")
    }

    static func sha(_ bytes: [UInt8]) -> String { SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined() }

    func call<R: SwiftProtobuf.Message>(_ rpc: FleetRPC, _ request: some SwiftProtobuf.Message,
                                        key: [UInt8]? = nil) async throws -> R {
        let bytes = try await service.handle(rpc, body: try request.serializedBytes(), caller: FleetCaller(publicKey: key))
        return try R(serializedBytes: bytes)
    }

    /// Registers and activates a node with `key`; answers its id.
    func online(key: [UInt8], interval: Double = 30) async throws -> UInt64 {
        var register = Flwr_Proto_RegisterNodeFleetRequest()
        register.publicKey = Data(key)
        let _: Flwr_Proto_RegisterNodeFleetResponse = try await call(.registerNode, register, key: key)
        var activate = Flwr_Proto_ActivateNodeRequest()
        activate.publicKey = Data(key)
        activate.heartbeatInterval = interval
        let response: Flwr_Proto_ActivateNodeResponse = try await call(.activateNode, activate, key: key)
        return response.nodeID
    }

    /// A message with one content object, to `destination` (or a reply to `replyTo` from `source`).
    static func message(run: UInt64, source: UInt64 = 0, destination: UInt64 = 0, replyTo: String = "",
                        group: String = "1", content: [UInt8]) -> OutgoingMessage {
        let child = sha(content)
        var tree = Flwr_Proto_ObjectTree()
        var leaf = Flwr_Proto_ObjectTree()
        leaf.objectID = child
        tree.children = [leaf]
        var message = Flwr_Proto_Message()
        message.metadata.runID = run
        message.metadata.srcNodeID = source
        message.metadata.dstNodeID = destination
        message.metadata.replyToMessageID = replyTo
        message.metadata.messageType = "train"
        message.metadata.groupID = group
        message.metadata.ttl = 600
        message.metadata.createdAt = 1_800_000_000
        // The message object's bytes: its header naming its child, so its id differs per content.
        let body = Array("message:\(child):\(replyTo):\(destination)".utf8)
        let id = sha(body)
        message.metadata.messageID = id
        tree.objectID = id
        return OutgoingMessage(message: message, tree: tree, objects: [id: body, child: content])
    }

    /// Pushes `reply` as node `node` would: the message, then every object it asks for.
    func push(_ reply: OutgoingMessage, node: UInt64, key: [UInt8], objects: Bool = true) async throws
        -> Flwr_Proto_PushMessagesResponse {
        var request = Flwr_Proto_PushMessagesRequest()
        request.node.nodeID = node
        request.messagesList = [reply.message]
        request.messageObjectTrees = [reply.tree]
        let response: Flwr_Proto_PushMessagesResponse = try await call(.pushMessages, request, key: key)
        if objects {
            for id in response.objectsToPush { try await pushObject(id, reply.objects[id]!, node: node, key: key) }
        }
        return response
    }

    @discardableResult
    func pushObject(_ id: String, _ bytes: [UInt8], node: UInt64, key: [UInt8]) async throws -> Flwr_Proto_PushObjectResponse {
        var request = Flwr_Proto_PushObjectRequest()
        request.node.nodeID = node
        request.runID = run
        request.objectID = id
        request.objectContent = Data(bytes)
        return try await call(.pushObject, request, key: key)
    }

    func counts() throws -> FleetStoreCounts { try store.counts() }
}

/// Asserts-friendly helper: the failure kind a call throws, or nil.
func failureKind(_ body: () async throws -> Void) async -> FleetFailure.Kind? {
    do { try await body(); return nil } catch let failure as FleetFailure { return failure.kind } catch { return nil }
}
