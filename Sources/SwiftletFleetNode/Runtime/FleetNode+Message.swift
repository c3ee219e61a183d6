import Foundation
import SwiftletFleetProtocol

/// One instruction: pull and verify its objects, confirm receipt, answer it, keep the reply until delivered.
extension FleetNode {
    /// Handles one pulled instruction; bad ones get an Error reply (or are dropped when no reply can be
    /// addressed) and never reach the client.
    func handle(_ listed: Flwr_Proto_Message, tree: Flwr_Proto_ObjectTree) async throws(StepError) {
        let metadata = listed.metadata
        let messageID = metadata.messageID
        stats.messagesHandled += 1
        // A reply names the instruction by id and goes to its run: without a sound id it cannot be addressed.
        guard ObjectID.isValid(messageID), tree.objectID == messageID, metadata.runID != 0 else {
            stats.dropped += 1
            logger.error("dropping an instruction that cannot be answered", metadata: [
                "message": "\(messageID.prefix(80))", "tree-root": "\(tree.objectID.prefix(80))", "run": "\(metadata.runID)",
            ])
            return
        }
        // The first message of a run: ask for the run, as Flower's SuperNode does; never work for a run the
        // server does not know or no longer runs (its reply could not be delivered anyway).
        if !runs.contains(metadata.runID) {
            if let refusal = try await runRefusal(metadata.runID) {
                stats.dropped += 1
                logger.error("dropping an instruction for a run the server does not run", metadata: [
                    "message": "\(messageID)", "run": "\(metadata.runID)", "reason": "\(refusal)",
                ])
                return
            }
        }
        state = .working(messageID: messageID)
        runs.insert(metadata.runID)
        logger.info("instruction", metadata: ["message": "\(messageID)", "type": "\(metadata.messageType)", "run": "\(metadata.runID)"])
        let body: FleetMessage.Body
        do throws(StepError) {
            let instruction = try await fetch(listed, tree: tree)
            try await confirm(instruction)
            body = .content(try await answer(instruction))
        } catch {
            guard case .invalid(let code, let reason) = error else { throw error }
            logger.warning("refusing the instruction", metadata: ["message": "\(messageID)", "code": "\(code)", "reason": "\(reason)"])
            var failure = Flwr_Proto_Error()
            failure.code = code
            failure.reason = reason
            body = .error(failure)
            stats.errorsReplied += 1
        }
        let reply = FleetMessage(metadata: replyMetadata(to: metadata), body: body)
        guard let deflated = deflate(reply, instruction: messageID) else { return }
        let pending = PendingReply(deflated: deflated, instructionID: messageID)
        pendingReply = pending
        try await deliver(pending)
    }

    /// Why the server will not take work for `run` (it does not know it, or the run is not running), or
    /// `nil` when GetRun describes it. A refusal for any other reason is logged and lets the work go on.
    func runRefusal(_ run: UInt64) async throws(StepError) -> FleetFailure? {
        do throws(StepError) {
            let response: Flwr_Proto_GetRunResponse = try await callAsNode(.getRun) { id in
                var request = Flwr_Proto_GetRunRequest()
                request.node.nodeID = id
                request.runID = run
                return request
            }
            logger.info("run", metadata: ["run": "\(run)", "app": "\(response.run.fabID)", "status": "\(response.run.status.status)"])
            return nil
        } catch {
            guard case .refused(_, let failure) = error else { throw error }
            if failure.kind == .notFound || Self.isFlowerRunOver(failure) { return failure }
            logger.warning("GetRun refused; answering the instruction anyway", metadata: ["run": "\(run)", "failure": "\(failure)"])
            return nil
        }
    }

    /// Pulls every object of `tree` (children first), checks each one's SHA-256 against its id and the total
    /// size, and rebuilds the message with ``FleetMessage/inflate(_:limits:)``, which checks the rest.
    /// - Throws: ``StepError/invalid(code:reason:)`` naming the object that was missing, too large or corrupt.
    func fetch(_ listed: Flwr_Proto_Message, tree: Flwr_Proto_ObjectTree) async throws(StepError) -> FleetMessage {
        let messageID = listed.metadata.messageID
        let limits = objectLimits
        let order = DeflatedMessage.pullOrder(of: tree)
        guard order.count <= limits.maxObjects else {
            throw .invalid(code: FleetErrorCode.messageUnavailable,
                           reason: "message \(messageID): \(order.count) objects exceed the limit of \(limits.maxObjects)")
        }
        if let bad = order.first(where: { !ObjectID.isValid($0) }) {
            throw .invalid(code: FleetErrorCode.messageUnavailable,
                           reason: "message \(messageID): '\(bad.prefix(80))' in the object tree is not an object id")
        }
        var objects: [String: [UInt8]] = [:]
        var total = 0
        var next = 0
        // Pulls of `order[next]` that found it not yet available.
        var unavailable = 0
        pulling: while next < order.count {
            let wanted = Array(order[next...])
            let answers: [ObjectDownload]
            do throws(StepError) {
                answers = try await pullObjects(wanted, run: listed.metadata.runID)
            } catch {
                guard case .refused(_, let failure) = error else { throw error }
                throw .invalid(code: FleetErrorCode.messageUnavailable, reason: "object \(wanted[0]) of message \(messageID): \(failure)")
            }
            guard (1...wanted.count).contains(answers.count) else {
                throw .invalid(code: FleetErrorCode.messageUnavailable,
                               reason: "message \(messageID): the server answered \(answers.count) of \(wanted.count) objects asked for")
            }
            for (id, response) in zip(wanted, answers) {
                guard response.found else {
                    throw .invalid(code: FleetErrorCode.messageUnavailable,
                                   reason: "object \(id) of message \(messageID) is not on the server")
                }
                guard response.available else {
                    // Known but still being pushed by the server's app: ask again after a backoff, from this object on.
                    unavailable += 1
                    let retry = configuration.unavailableObjectRetry
                    guard retry.allowsRetry(after: unavailable) else {
                        throw .invalid(code: FleetErrorCode.messageUnavailable,
                                       reason: "object \(id) of message \(messageID) was still not available on the server "
                                           + "after \(unavailable) pulls")
                    }
                    stats.objectsNotYetAvailable += 1
                    try await pause(retry.delay(attempt: unavailable - 1, generator: &generator))
                    continue pulling
                }
                unavailable = 0
                let bytes = response.content
                total += bytes.count
                guard total <= configuration.maxMessageBytes else {
                    throw .invalid(code: FleetErrorCode.messageUnavailable,
                                   reason: "message \(messageID) is larger than \(configuration.maxMessageBytes) bytes")
                }
                let actual = ObjectID(of: bytes).rawValue
                guard actual == id else {
                    throw .invalid(code: FleetErrorCode.messageUnavailable,
                                   reason: "object \(id) of message \(messageID): its bytes hash to \(actual)")
                }
                objects[id] = bytes
                next += 1
            }
        }
        do {
            // Every object was checked against its id as it arrived (above): no second hash.
            return try FleetMessage.inflate(DeflatedMessage(message: listed, tree: tree, objects: objects), limits: limits,
                                            idsVerified: true)
        } catch {
            throw .invalid(code: FleetErrorCode.messageUnavailable, reason: "message \(messageID): \(error)")
        }
    }

    /// The object limits for instructions: the configured message size, within the protocol's defaults.
    var objectLimits: ObjectLimits {
        var limits = ObjectLimits.standard
        limits.maxTotalBytes = configuration.maxMessageBytes
        limits.maxObjectBytes = min(limits.maxObjectBytes, configuration.maxMessageBytes)
        return limits
    }

    /// Tells the server the instruction arrived whole; a refusal is logged, since the work can go on.
    func confirm(_ instruction: FleetMessage) async throws(StepError) {
        do throws(StepError) {
            let _: Flwr_Proto_ConfirmMessageReceivedResponse = try await callAsNode(.confirmMessageReceived) { node in
                var request = Flwr_Proto_ConfirmMessageReceivedRequest()
                request.node.nodeID = node
                request.runID = instruction.metadata.runID
                request.messageObjectID = instruction.metadata.messageID
                return request
            }
        } catch {
            guard case .refused(_, let failure) = error else { throw error }
            logger.warning("ConfirmMessageReceived refused", metadata: ["message": "\(instruction.metadata.messageID)", "failure": "\(failure)"])
        }
    }

    /// The reply's metadata, as Flower derives it from the instruction: same run, group and type, addressed
    /// back to the sender, with the instruction's remaining time to live.
    func replyMetadata(to instruction: Flwr_Proto_Metadata) -> Flwr_Proto_Metadata {
        var metadata = Flwr_Proto_Metadata()
        metadata.runID = instruction.runID
        metadata.srcNodeID = nodeID ?? 0
        metadata.dstNodeID = instruction.srcNodeID
        metadata.replyToMessageID = instruction.messageID
        metadata.groupID = instruction.groupID
        metadata.messageType = instruction.messageType
        let created = now().timeIntervalSince1970
        metadata.createdAt = created
        metadata.ttl = instruction.ttl > 0 ? max(instruction.createdAt + instruction.ttl - created, 0) : 0
        if instruction.hasDstTaskID { metadata.srcTaskID = instruction.dstTaskID }
        if instruction.hasSrcTaskID { metadata.dstTaskID = instruction.srcTaskID }
        return metadata
    }

    /// The reply in objects; a content reply that cannot be represented becomes an Error reply, and an
    /// Error reply that cannot is dropped (logged).
    func deflate(_ reply: FleetMessage, instruction: String) -> DeflatedMessage? {
        do { return try reply.deflate() } catch {
            logger.error("the reply cannot be encoded", metadata: ["message": "\(instruction)", "reason": "\(error)"])
            guard case .content = reply.body else {
                stats.dropped += 1
                return nil
            }
            var failure = Flwr_Proto_Error()
            failure.code = FleetErrorCode.clientAppRaisedException
            failure.reason = "the reply cannot be encoded: \(error)"
            stats.errorsReplied += 1
            return deflate(FleetMessage(metadata: reply.metadata, body: .error(failure)), instruction: instruction)
        }
    }
}
