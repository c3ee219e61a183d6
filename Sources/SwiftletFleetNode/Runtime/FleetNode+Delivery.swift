import Foundation
import SwiftletFleetProtocol

/// Delivering a reply: PushMessages, then exactly the objects the server asks for.
extension FleetNode {
    /// Pushes `pending` and the objects the server lacks; clears ``pendingReply`` once the server has it all
    /// or has refused it. Transport failures are retried inside the calls, so the reply survives a drop;
    /// pushing again is safe because the server treats a reply's message id idempotently.
    func deliver(_ pending: PendingReply) async throws(StepError) {
        var pending = pending
        // After a rejoin under a new id the reply must name its new source, which changes its id.
        if let id = nodeID, pending.source != id {
            do { pending = try pending.from(node: id) } catch {
                drop(pending, because: "the reply cannot be rebuilt for node \(id): \(error)")
                return
            }
            pendingReply = pending
        }
        state = .working(messageID: pending.instructionID)
        let deflated = pending.deflated
        let response: Flwr_Proto_PushMessagesResponse
        do throws(StepError) {
            response = try await callAsNode(.pushMessages) { node in
                var request = Flwr_Proto_PushMessagesRequest()
                request.node.nodeID = node
                request.messagesList = [deflated.message]
                request.messageObjectTrees = [deflated.tree]
                return request
            }
        } catch {
            guard case .refused(_, let failure) = error else { throw error }
            // Rejoined under a new id while pushing: go round again with the reply rebuilt for it.
            if let id = nodeID, id != pending.source { return }
            drop(pending, because: "the server refused the reply: \(failure)")
            return
        }
        var objects: [(id: String, bytes: [UInt8])] = []
        for id in response.objectsToPush {
            guard let bytes = deflated.objects[id] else {
                logger.warning("the server asked for an object that is not part of the reply", metadata: [
                    "object": "\(id.prefix(80))", "reply": "\(deflated.messageID)",
                ])
                continue
            }
            objects.append((id, bytes))
        }
        do throws(StepError) {
            try await pushObjects(objects, run: pending.runID, session: response.sessionID)
        } catch {
            guard case .refused(_, let failure) = error else { throw error }
            drop(pending, because: "the server refused the reply's objects: \(failure)")
            return
        }
        pendingReply = nil
        logger.info("reply delivered", metadata: [
            "reply": "\(deflated.messageID)", "instruction": "\(pending.instructionID)", "objects": "\(response.objectsToPush.count)",
        ])
    }

    /// Gives up on a reply the server will not take.
    func drop(_ pending: PendingReply, because reason: String) {
        pendingReply = nil
        stats.dropped += 1
        logger.error("dropping the reply", metadata: ["instruction": "\(pending.instructionID)", "reason": "\(reason)"])
    }
}
