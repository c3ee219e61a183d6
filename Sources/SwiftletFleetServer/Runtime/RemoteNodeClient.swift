import Foundation
import SwiftletFederated
import SwiftletFleetProtocol

/// The round engine's ``Client`` for one fleet node: each call becomes a Flower message the node pulls, and
/// the node's pushed reply becomes the call's answer.
///
/// `fit` and `evaluate` map the instruction to content (``FleetContentMapping``), deflate it into objects,
/// post it for the node through ``FleetService/post(_:as:)`` and wait for the reply. The wait ends when the
/// reply is complete, or when the engine cancels the call at the round's deadline; the message is then left
/// to expire. Re-issue is idempotent: an instruction already posted for the same (run, round, attempt, node,
/// type) — before a server restart — is re-used, and its stored reply returned at once, so a node never
/// trains twice for one instruction and a pushed reply counts once.
///
/// Replies are checked before they reach the strategy: an error body, a message of another type, arrays of
/// other names, shapes or dtypes than the instruction's, or missing metrics throw a ``RemoteNodeError``,
/// which the engine records as the node's failure.
public struct RemoteNodeClient: Client {
    /// The node this client reaches.
    public let node: UInt64
    /// The run the instructions belong to.
    public let run: UInt64
    let service: FleetService
    let settings: FleetRunSettings
    let attempts: AttemptTracker
    let contentCache: InstructionContentCache
    /// The compressed downlink shared by the runtime's clients, or `nil` to send every node the whole model.
    let downlink: DownlinkCoder?

    /// Creates a client for `node` in `run`.
    /// - Parameter attempts: the engine's current attempt per round (shared by every client of a runtime).
    public init(node: UInt64, run: UInt64, service: FleetService, settings: FleetRunSettings,
                attempts: AttemptTracker = AttemptTracker()) {
        self.init(node: node, run: run, service: service, settings: settings, attempts: attempts,
                  contentCache: InstructionContentCache())
    }

    /// Creates a client sharing `contentCache` with the runtime's other clients.
    init(node: UInt64, run: UInt64, service: FleetService, settings: FleetRunSettings, attempts: AttemptTracker,
         contentCache: InstructionContentCache, downlink: DownlinkCoder? = nil) {
        self.node = node
        self.run = run
        self.service = service
        self.settings = settings
        self.attempts = attempts
        self.contentCache = contentCache
        self.downlink = downlink
    }

    /// Flower's node id of the server, the source of every instruction.
    public static let serverNodeID: UInt64 = 1

    /// Not used remotely: the server initialises the model itself. Always throws
    /// ``RemoteNodeError/parametersNotSupported(node:)``.
    public func parameters(config: ConfigRecord) async throws -> ArrayRecord {
        throw RemoteNodeError.parametersNotSupported(node: node)
    }

    /// Sends a train instruction and returns the node's update, checked against the instruction's arrays.
    ///
    /// With ``FleetRunSettings/uplink`` the instruction's config asks the node for an encoded update
    /// (``UplinkCompression``); the round engine's validator decodes it and refuses a malformed one. With
    /// ``FleetRunSettings/downlink`` the model travels as a delta against what the node holds
    /// (``DownlinkCoder``); a node that answers it lacks the base is sent the whole model next time.
    public func fit(_ instruction: FitInstruction) async throws -> FitResult {
        var instruction = instruction
        if let uplink = settings.uplink { instruction.config = uplink.applied(to: instruction.config) }
        let round = instruction.round
        let encoding = settings.arrayEncoding
        let reply: RecordDict
        if let downlink {
            let prepared: DownlinkCoder.Prepared
            do { prepared = try await downlink.prepare(instruction, node: node, encoding: encoding) } catch {
                throw RemoteNodeError.cannotSend(node: node, round: round, reason: "\(error)")
            }
            do { reply = try await exchange(FleetMessageType.train, round: round, content: prepared.content) } catch {
                if case .nodeReportedError(_, _, let code, _) = error as? RemoteNodeError, code == DownlinkInstruction.baseMissingErrorCode {
                    try await downlink.forget(node)
                }
                throw error
            }
            try await downlink.acknowledge(prepared, reply: reply, node: node)
        } else {
            let content = try contentCache.content(for: .fit(instruction), type: FleetMessageType.train) {
                do {
                    return try FleetMessage.deflateContent(FleetContentMapping.content(instruction, encoding: encoding))
                } catch {
                    throw RemoteNodeError.cannotSend(node: node, round: round, reason: "\(error)")
                }
            }
            reply = try await exchange(FleetMessageType.train, round: round, content: content)
        }
        do { return try FleetContentMapping.fitResult(reply, expected: instruction.parameters.specs) } catch {
            throw RemoteNodeError.invalidReply(node: node, round: round, reason: error.description)
        }
    }

    /// Sends an evaluate instruction and returns the node's evaluation.
    public func evaluate(_ instruction: EvaluateInstruction) async throws -> EvaluateResult {
        let round = instruction.round
        let encoding = settings.arrayEncoding
        let content = try contentCache.content(for: .evaluate(instruction), type: FleetMessageType.evaluate) {
            do {
                return try FleetMessage.deflateContent(FleetContentMapping.content(instruction, encoding: encoding))
            } catch {
                throw RemoteNodeError.cannotSend(node: node, round: round, reason: "\(error)")
            }
        }
        let reply = try await exchange(FleetMessageType.evaluate, round: round, content: content)
        do { return try FleetContentMapping.evaluateResult(reply) } catch {
            throw RemoteNodeError.invalidReply(node: node, round: round, reason: error.description)
        }
    }

    /// Posts (or finds) the instruction and waits for the reply's content.
    func exchange(_ type: String, round: Int, content: DeflatedContent) async throws -> RecordDict {
        let key = InstructionKey(run: run, round: round, attempt: attempts.attempt(of: round), node: node, type: type)
        let messageID: String
        if let posted = try await service.postedInstruction(key) {
            messageID = posted
        } else {
            var metadata = Flwr_Proto_Metadata()
            metadata.runID = run
            metadata.srcNodeID = Self.serverNodeID
            metadata.dstNodeID = node
            metadata.groupID = String(round)
            metadata.messageType = type
            metadata.ttl = settings.instructionTTL
            metadata.createdAt = service.now().timeIntervalSince1970
            let deflated: DeflatedMessage
            do { deflated = try FleetMessage.deflate(metadata: metadata, content: content) } catch {
                throw RemoteNodeError.cannotSend(node: node, round: round, reason: error.description)
            }
            try await service.post(OutgoingMessage(message: deflated.message, tree: deflated.tree, objects: deflated.objects),
                                   as: key)
            messageID = deflated.messageID
        }
        let reply = try await service.reply(to: messageID)
        let message: FleetMessage
        do {
            message = try FleetMessage.inflate(DeflatedMessage(message: reply.message, tree: reply.tree, objects: reply.objects),
                                               limits: settings.replyLimits, idsVerified: true)
        } catch {
            throw RemoteNodeError.invalidReply(node: node, round: round, reason: error.description)
        }
        switch message.body {
        case .error(let error):
            throw RemoteNodeError.nodeReportedError(node: node, round: round, code: error.code, reason: error.reason)
        case .content(let content):
            guard message.metadata.messageType == type else {
                throw RemoteNodeError.invalidReply(node: node, round: round,
                                                   reason: "message_type '\(message.metadata.messageType)' answers a '\(type)' instruction")
            }
            return content
        }
    }
}
