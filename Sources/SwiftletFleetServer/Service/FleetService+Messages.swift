import Foundation
import SwiftProtobuf
import SwiftletFleetProtocol

/// Messages: nodes pull instructions, push replies and confirm receipt.
extension FleetService {
    func pullMessages(_ request: Flwr_Proto_PullMessagesRequest, caller: FleetCaller) throws(FleetFailure)
        -> Flwr_Proto_PullMessagesResponse {
        let node = try boundNode(request.node.nodeID, caller: caller, field: "node.node_id")
        let time = now().timeIntervalSince1970
        var response = Flwr_Proto_PullMessagesResponse()
        // Most polls find nothing: answer those from memory, without a database read.
        if directoryStorage?.isIdle(node.id) == true { return response }
        let pending = try db { () throws(FleetStoreError) in try store.messages(to: node.id, statuses: [.pending], limit: 16) }
        var expired: [String] = []
        // One message per pull, as Flower's SuperLink answers; expired ones are marked on the way.
        for stored in pending {
            if stored.ttl > 0, stored.createdAt + stored.ttl < time {
                expired.append(stored.id)
                continue
            }
            let message: Flwr_Proto_Message
            let tree: Flwr_Proto_ObjectTree
            do {
                message = try Flwr_Proto_Message(serializedBytes: stored.metadata)
                tree = try Flwr_Proto_ObjectTree(serializedBytes: stored.tree)
            } catch {
                throw FleetFailure(.internalError, "stored message \(stored.id) is unreadable: \(error)")
            }
            response.messagesList = [message]
            response.messageObjectTrees = [tree]
            try db { () throws(FleetStoreError) in try store.setStatus(.delivered, messages: [stored.id]) }
            tally.messagesOut += 1
            break
        }
        if !expired.isEmpty { try db { () throws(FleetStoreError) in try store.setStatus(.expired, messages: expired) } }
        // Nothing delivered and everything looked at: nothing is left to deliver until the next post.
        if response.messagesList.isEmpty, pending.count < 16 { directoryStorage?.markIdle(node.id) }
        return response
    }

    func pushMessages(_ request: Flwr_Proto_PushMessagesRequest, caller: FleetCaller) throws(FleetFailure)
        -> Flwr_Proto_PushMessagesResponse {
        let node = try boundNode(request.node.nodeID, caller: caller, field: "node.node_id")
        guard request.messagesList.count == 1, request.messageObjectTrees.count == 1 else {
            throw FleetFailure(.badRequest, "messages_list: expected one message and one object tree, got "
                + "\(request.messagesList.count) and \(request.messageObjectTrees.count)")
        }
        let message = request.messagesList[0], tree = request.messageObjectTrees[0]
        let metadata = message.metadata
        try Self.checkObjectID(metadata.messageID, field: "metadata.message_id")
        guard tree.objectID == metadata.messageID else {
            throw FleetFailure(.badRequest, "message_object_trees: root \(tree.objectID) is not message \(metadata.messageID)")
        }
        guard metadata.srcNodeID == node.id else {
            throw FleetFailure(.forbidden, "metadata.src_node_id: \(metadata.srcNodeID) is not node \(node.id)")
        }
        guard let instruction = try db({ () throws(FleetStoreError) in try store.message(metadata.replyToMessageID) }),
              instruction.replyTo.isEmpty else {
            throw FleetFailure(.notFound, "metadata.reply_to_message_id: no instruction \(metadata.replyToMessageID)")
        }
        guard instruction.destination == node.id else {
            throw FleetFailure(.conflict, "metadata.reply_to_message_id: \(instruction.id) was not sent to node \(node.id)")
        }
        guard metadata.runID == instruction.run else {
            throw FleetFailure(.badRequest, "metadata.run_id: \(metadata.runID) is not run \(instruction.run) of \(instruction.id)")
        }
        let ids = try treeIDs(tree, field: "message_object_trees")
        if let earlier = try db({ () throws(FleetStoreError) in try store.reply(to: instruction.id) }) {
            // The same reply pushed again is answered as before; a different one is refused.
            guard earlier.id == metadata.messageID else {
                throw FleetFailure(.conflict, "metadata.reply_to_message_id: \(instruction.id) already has reply \(earlier.id)")
            }
            return try pushAnswer(for: earlier.id)
        }
        guard instruction.status != .expired else {
            throw FleetFailure(.conflict, "metadata.reply_to_message_id: \(instruction.id) expired")
        }
        var bare = message
        bare.clearContent()
        let stored = StoredMessage(
            id: metadata.messageID, run: metadata.runID, source: node.id, destination: 0,
            type: metadata.messageType, group: metadata.groupID, createdAt: metadata.createdAt, ttl: metadata.ttl,
            replyTo: instruction.id, status: .pending, metadata: try encode(bare), tree: try encode(tree))
        var objects: [String: [UInt8]?] = [:]
        for id in ids { objects[id] = .some(nil) }
        try db { () throws(FleetStoreError) in try store.saveMessage(stored, objects: objects) }
        tally.messagesIn += 1
        let answer = try pushAnswer(for: stored.id)
        if answer.objectsToPush.isEmpty {
            try resolve(instruction.id)
        } else {
            replyTracker.track(instruction: instruction.id, missing: answer.objectsToPush)
        }
        return answer
    }

    /// The answer to a pushed reply: accepted, with the objects the server still lacks.
    func pushAnswer(for id: String) throws(FleetFailure) -> Flwr_Proto_PushMessagesResponse {
        var response = Flwr_Proto_PushMessagesResponse()
        response.reconnect.reconnect = limits.reconnectHint
        response.results = [id: 0]
        response.objectsToPush = try db { () throws(FleetStoreError) in try store.missingObjects(of: id) }
        response.sessionID = id
        return response
    }

    func confirm(_ request: Flwr_Proto_ConfirmMessageReceivedRequest, caller: FleetCaller) throws(FleetFailure)
        -> Flwr_Proto_ConfirmMessageReceivedResponse {
        let node = try boundNode(request.node.nodeID, caller: caller, field: "node.node_id")
        guard let message = try db({ () throws(FleetStoreError) in try store.message(request.messageObjectID) }),
              message.replyTo.isEmpty else {
            throw FleetFailure(.notFound, "message_object_id: no instruction \(request.messageObjectID)")
        }
        guard message.destination == node.id else {
            throw FleetFailure(.conflict, "message_object_id: \(message.id) was not sent to node \(node.id)")
        }
        guard message.run == request.runID else {
            throw FleetFailure(.badRequest, "run_id: \(request.runID) is not run \(message.run) of \(message.id)")
        }
        if message.status == .delivered {
            try db { () throws(FleetStoreError) in try store.setStatus(.confirmed, messages: [message.id]) }
        }
        return Flwr_Proto_ConfirmMessageReceivedResponse()
    }

    func getRun(_ request: Flwr_Proto_GetRunRequest, caller: FleetCaller) throws(FleetFailure) -> Flwr_Proto_GetRunResponse {
        _ = try boundNode(request.node.nodeID, caller: caller, field: "node.node_id")
        let run = try existingRun(request.runID, field: "run_id")
        var response = Flwr_Proto_GetRunResponse()
        response.run.runID = run.id
        response.run.fabID = run.name
        response.run.fabHash = Self.emptyFabHash
        response.run.status.status = run.status
        if let outcome = try db({ () throws(FleetStoreError) in try store.runOutcome(run.id) }) {
            response.run.status.subStatus = outcome.subStatus.rawValue
            response.run.status.details = outcome.details
        }
        return response
    }

    func getFab(_ request: Flwr_Proto_GetFabRequest, caller: FleetCaller) throws(FleetFailure) -> Flwr_Proto_GetFabResponse {
        _ = try boundNode(request.node.nodeID, caller: caller, field: "node.node_id")
        _ = try existingRun(request.runID, field: "run_id")
        guard request.hashStr == Self.emptyFabHash else {
            throw FleetFailure(.notFound, "hash_str: no FAB \(request.hashStr.prefix(80)) in run \(request.runID)")
        }
        var response = Flwr_Proto_GetFabResponse()
        response.fab.hashStr = Self.emptyFabHash
        return response
    }

    /// Swiftlet runs ship no Flower app bundle: every run's FAB is the empty one, named by its SHA-256.
    static let emptyFabHash = objectID(of: [UInt8]())
}
