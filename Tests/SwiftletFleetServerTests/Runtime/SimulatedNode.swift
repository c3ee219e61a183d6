import Foundation
import SwiftProtobuf
import SwiftletFederated
import SwiftletFleetProtocol
@testable import SwiftletFleetServer

/// A fleet node inside the test: it speaks protobuf to the service's RPC handler, as a device would over HTTP.
struct SimulatedNode {
    let service: FleetService
    let key: [UInt8]
    let id: UInt64

    /// An instruction as the node received it: its message id and its content.
    struct Instruction {
        var messageID: String
        var metadata: Flwr_Proto_Metadata
        var content: RecordDict
    }

    static func call<R: SwiftProtobuf.Message>(_ service: FleetService, _ rpc: FleetRPC, _ request: some SwiftProtobuf.Message,
                                               key: [UInt8]) async throws -> R {
        let bytes = try await service.handle(rpc, body: try request.serializedBytes(), caller: FleetCaller(publicKey: key))
        return try R(serializedBytes: bytes)
    }

    func call<R: SwiftProtobuf.Message>(_ rpc: FleetRPC, _ request: some SwiftProtobuf.Message) async throws -> R {
        try await Self.call(service, rpc, request, key: key)
    }

    /// Registers and activates a node with a key made of `seed`.
    static func online(_ service: FleetService, seed: UInt8) async throws -> SimulatedNode {
        let key = [UInt8](repeating: seed, count: 65)
        var register = Flwr_Proto_RegisterNodeFleetRequest()
        register.publicKey = Data(key)
        let _: Flwr_Proto_RegisterNodeFleetResponse = try await call(service, .registerNode, register, key: key)
        var activate = Flwr_Proto_ActivateNodeRequest()
        activate.publicKey = Data(key)
        activate.heartbeatInterval = 30
        let response: Flwr_Proto_ActivateNodeResponse = try await call(service, .activateNode, activate, key: key)
        return SimulatedNode(service: service, key: key, id: response.nodeID)
    }

    /// The same node talking to another service (a restarted server).
    func reconnected(to service: FleetService) -> SimulatedNode { SimulatedNode(service: service, key: key, id: id) }

    /// One PullMessages call: the instruction it answers, with every object pulled, or `nil`.
    func pullOnce() async throws -> Instruction? {
        var request = Flwr_Proto_PullMessagesRequest()
        request.node.nodeID = id
        let response: Flwr_Proto_PullMessagesResponse = try await call(.pullMessages, request)
        guard let listed = response.messagesList.first, let tree = response.messageObjectTrees.first else { return nil }
        var objects: [String: [UInt8]] = [:]
        for objectID in DeflatedMessage.pullOrder(of: tree) {
            var pull = Flwr_Proto_PullObjectRequest()
            pull.node.nodeID = id
            pull.runID = listed.metadata.runID
            pull.objectID = objectID
            let answer: Flwr_Proto_PullObjectResponse = try await call(.pullObject, pull)
            objects[objectID] = [UInt8](answer.objectContent)
        }
        let message = try FleetMessage.inflate(DeflatedMessage(message: listed, tree: tree, objects: objects))
        guard case .content(let content) = message.body else { throw NodeTestError.unexpected("instruction without content") }
        return Instruction(messageID: listed.metadata.messageID, metadata: message.metadata, content: content)
    }

    /// Pulls until an instruction arrives: the engine posts it from its own tasks. Bounded by 30 s of wall
    /// time, which only a hung runtime reaches.
    func pull() async throws -> Instruction {
        let deadline = ContinuousClock.now.advanced(by: .seconds(30))
        while ContinuousClock.now < deadline {
            if let instruction = try await pullOnce() { return instruction }
            await Task.yield()
        }
        throw NodeTestError.unexpected("node \(id) got no instruction within 30 s")
    }

    /// Pushes a reply with `content` to `instruction`, then every object the service asks for.
    func reply(to instruction: Instruction, content: RecordDict) async throws {
        try await reply(to: instruction, body: .content(content))
    }

    /// Pushes a reply with `body` (content or error) to `instruction`, then every object asked for.
    func reply(to instruction: Instruction, body: FleetMessage.Body) async throws {
        var metadata = Flwr_Proto_Metadata()
        metadata.runID = instruction.metadata.runID
        metadata.srcNodeID = id
        metadata.dstNodeID = instruction.metadata.srcNodeID
        metadata.replyToMessageID = instruction.messageID
        metadata.groupID = instruction.metadata.groupID
        metadata.messageType = instruction.metadata.messageType
        metadata.ttl = instruction.metadata.ttl
        metadata.createdAt = instruction.metadata.createdAt + 1
        let deflated = try FleetMessage(metadata: metadata, body: body).deflate()
        var push = Flwr_Proto_PushMessagesRequest()
        push.node.nodeID = id
        push.messagesList = [deflated.message]
        push.messageObjectTrees = [deflated.tree]
        let response: Flwr_Proto_PushMessagesResponse = try await call(.pushMessages, push)
        for objectID in response.objectsToPush {
            var object = Flwr_Proto_PushObjectRequest()
            object.node.nodeID = id
            object.runID = metadata.runID
            object.objectID = objectID
            object.objectContent = Data(deflated.objects[objectID]!)
            let _: Flwr_Proto_PushObjectResponse = try await call(.pushObject, object)
        }
    }

    /// Trains "locally": answers the instruction's model plus `delta`, weighted by `examples`.
    func train(_ instruction: Instruction, delta: [Float], examples: Int) async throws {
        let fit = try FleetContentMapping.fitInstruction(instruction.content)
        let values = zip(fit.parameters.values, delta).map { $0 + $1 }
        let result = FitResult(parameters: try fit.parameters.with(values: values), exampleCount: examples)
        try await reply(to: instruction, content: try FleetContentMapping.content(result, encoding: .swiftletF32LE))
    }

    /// Pulls the next instruction and trains on it.
    func pullAndTrain(delta: [Float], examples: Int) async throws {
        try await train(try await pull(), delta: delta, examples: examples)
    }

    /// One heartbeat; answers whether the service accepted it.
    func heartbeat() async throws -> Bool {
        var request = Flwr_Proto_SendNodeHeartbeatRequest()
        request.node.nodeID = id
        request.heartbeatInterval = 30
        let response: Flwr_Proto_SendNodeHeartbeatResponse = try await call(.sendNodeHeartbeat, request)
        return response.success
    }

    /// GetRun for `run`, as a node polls it to learn whether the run is over.
    func getRun(_ run: UInt64) async throws -> Flwr_Proto_GetRunResponse {
        var request = Flwr_Proto_GetRunRequest()
        request.node.nodeID = id
        request.runID = run
        return try await call(.getRun, request)
    }
}

enum NodeTestError: Error { case unexpected(String) }
