import Foundation
import SwiftProtobuf
import SwiftletFleetProtocol

/// Calls to the server: retries with backoff, byte counting, joining and rejoining.
extension FleetNode {
    /// Sends `request` as `rpc`, retrying retryable failures (server errors, unreachable server) with the
    /// reconnect policy's seeded backoff.
    ///
    /// The state shows ``State/reconnecting(attempt:)`` while waiting and returns to what it was afterwards.
    /// - Throws: ``StepError/refused(_:_:)`` for a failure retrying cannot fix, ``StepError/failed(_:)`` when
    ///   the policy allows no more attempts, ``StepError/cancelled``.
    func call<Request: SwiftProtobuf.Message, Response: SwiftProtobuf.Message>(
        _ rpc: FleetRPC, _ request: Request, as response: Response.Type = Response.self
    ) async throws(StepError) -> Response {
        try await send(rpc, body: Self.serialize(request, rpc))
    }

    /// The bytes of `request` for `rpc`.
    static func serialize(_ request: some SwiftProtobuf.Message, _ rpc: FleetRPC) throws(StepError) -> [UInt8] {
        do { return try request.serializedBytes() } catch {
            throw .refused(rpc, FleetFailure(.badRequest, "\(rpc.rawValue): the request could not be serialized: \(error)"))
        }
    }

    /// Sends a serialised request as `rpc`, retrying as ``call(_:_:as:)`` describes, and decodes the answer.
    func send<Response: SwiftProtobuf.Message>(
        _ rpc: FleetRPC, body: [UInt8], as response: Response.Type = Response.self
    ) async throws(StepError) -> Response {
        try Self.decode(try await sendParts(rpc, [body]), rpc)
    }

    /// The answer to `rpc` as `Response`.
    static func decode<Response: SwiftProtobuf.Message>(_ answer: [UInt8], _ rpc: FleetRPC) throws(StepError) -> Response {
        try decode(answer, rpc, as: Response.protoMessageName) { bytes throws(any Error) in try Response(serializedBytes: bytes) }
    }

    /// The answer to `rpc`, a message called `name`, read by `read`.
    static func decode<Answer, T>(_ answer: Answer, _ rpc: FleetRPC, as name: String,
                                  _ read: (Answer) throws(any Error) -> T) throws(StepError) -> T {
        do { return try read(answer) } catch {
            throw .refused(rpc, FleetFailure(.badRequest, "\(rpc.rawValue): the server's response is not a valid \(name)"))
        }
    }

    /// Sends a serialised request, the concatenation of `parts`, as `rpc`, retrying as ``call(_:_:as:)``
    /// describes; answers the response's bytes.
    func sendParts(_ rpc: FleetRPC, _ parts: [[UInt8]]) async throws(StepError) -> [UInt8] {
        try await sendRetrying(rpc, bytesSent: parts.reduce(0) { $0 + $1.count }, received: \.count) { () throws(FleetFailure) in
            try await parts.count == 1 ? transport.send(rpc, body: parts[0]) : transport.send(rpc, parts: parts)
        }
    }

    /// Sends a serialised pull of objects as `rpc`, retrying as ``call(_:_:as:)`` describes; answers the
    /// response received into an ``ObjectMessageBody`` of `shape`, its contents read straight into their arrays.
    func sendPulling(_ rpc: FleetRPC, _ body: [UInt8], shape: ObjectMessageBody.Shape) async throws(StepError) -> ObjectMessageBody {
        try await sendRetrying(rpc, bytesSent: body.count, received: \.count) { () throws(FleetFailure) in
            try await transport.send(rpc, body: body, receiving: shape)
        }
    }

    /// Runs `attempt` (one call through the transport) until it succeeds, retrying retryable failures with
    /// the reconnect policy's backoff; counts `bytesSent` and the answer's `received` bytes.
    func sendRetrying<Answer>(_ rpc: FleetRPC, bytesSent: Int, received: (Answer) -> Int,
                              _ attempt: () async throws(FleetFailure) -> Answer) async throws(StepError) -> Answer {
        let resumeState = state
        var failures = 0
        while true {
            if Task.isCancelled { throw .cancelled }
            let answer: Answer
            do {
                answer = try await attempt()
            } catch {
                if Task.isCancelled { throw .cancelled }
                guard error.isRetryable else {
                    if failures > 0 { state = resumeState }
                    throw .refused(rpc, error)
                }
                failures += 1
                guard configuration.reconnect.allowsRetry(after: failures) else {
                    throw .failed(.unreachable(rpc: rpc, attempts: failures, last: error))
                }
                stats.retries += 1
                state = .reconnecting(attempt: failures)
                let wait = configuration.reconnect.delay(attempt: failures - 1, generator: &generator)
                logger.warning("\(rpc.rawValue) failed; retrying", metadata: [
                    "attempt": "\(failures)", "wait": "\(wait)", "failure": "\(error)",
                ])
                try await pause(wait)
                continue
            }
            stats.bytesSent += bytesSent
            stats.bytesReceived += received(answer)
            if failures > 0 {
                state = resumeState
                logger.info("server reachable again", metadata: ["rpc": "\(rpc.rawValue)", "attempts": "\(failures + 1)"])
            }
            return answer
        }
    }

    /// Sends a request that names the node, built by `make` from the node id; when the server answers that
    /// it does not know the node (it restarted from an older database), registers and activates again and
    /// sends once more with the new id.
    func callAsNode<Request: SwiftProtobuf.Message, Response: SwiftProtobuf.Message>(
        _ rpc: FleetRPC, as response: Response.Type = Response.self, _ make: (UInt64) -> Request
    ) async throws(StepError) -> Response {
        try Self.decode(try await callAsNodeBytes(rpc) { node throws(StepError) in try Self.serialize(make(node), rpc) }, rpc)
    }

    /// ``callAsNode(_:as:_:)`` for a request serialised by `make` (from the node id), answering the response's
    /// bytes.
    func callAsNodeBytes(_ rpc: FleetRPC, _ make: (UInt64) throws(StepError) -> [UInt8]) async throws(StepError) -> [UInt8] {
        try await callAsNodeParts(rpc) { node throws(StepError) in [try make(node)] }
    }

    /// ``callAsNodeBytes(_:_:)`` for a request `make` gives as parts to send one after the other.
    func callAsNodeParts(_ rpc: FleetRPC, _ make: (UInt64) throws(StepError) -> [[UInt8]]) async throws(StepError) -> [UInt8] {
        try await callAsNode(rpc, make) { parts throws(StepError) in try await sendParts(rpc, parts) }
    }

    /// ``callAsNodeBytes(_:_:)`` for a pull of objects, whose response is received into an
    /// ``ObjectMessageBody`` of `shape` (``sendPulling(_:_:shape:)``).
    func callAsNodePulling(_ rpc: FleetRPC, shape: ObjectMessageBody.Shape,
                           _ make: (UInt64) throws(StepError) -> [UInt8]) async throws(StepError) -> ObjectMessageBody {
        try await callAsNode(rpc, { node throws(StepError) in [try make(node)] }) { parts throws(StepError) in
            try await sendPulling(rpc, parts[0], shape: shape)
        }
    }

    /// Sends the request `make` builds from the node id with `send`, joining again and sending once more when
    /// the server does not know the node.
    func callAsNode<Answer>(_ rpc: FleetRPC, _ make: (UInt64) throws(StepError) -> [[UInt8]],
                            send: ([[UInt8]]) async throws(StepError) -> Answer) async throws(StepError) -> Answer {
        // The request is serialised in a statement of its own, so that whatever `make` built around it is
        // freed before the wait for the answer: a node pushing a model update then holds the update's bytes
        // once, in its pending reply, while it waits.
        do throws(StepError) {
            let parts = try make(nodeID ?? 0)
            return try await send(parts)
        } catch {
            guard case .refused(_, let failure) = error, Self.isUnknownNode(failure) else { throw error }
            logger.warning("the server does not know this node; joining again", metadata: ["rpc": "\(rpc.rawValue)", "failure": "\(failure)"])
            try await rejoin()
            let parts = try make(nodeID ?? 0)
            return try await send(parts)
        }
    }

    /// Whether `failure` says the node itself is unknown (not a message, object or run).
    static func isUnknownNode(_ failure: FleetFailure) -> Bool {
        failure.kind == .notFound && failure.message.lowercased().contains("node")
    }

    /// RegisterNode (an existing registration is fine) then ActivateNode; sets the node id.
    ///
    /// A server may refuse the registration and still accept the node: Swiftlet's answers 409 for a key it
    /// knows; Flower answers 412 both for a key already in use and, with node authentication on, for every
    /// RegisterNode (its nodes are registered through `flwr supernode register`). Either way ActivateNode
    /// decides whether the key is welcome.
    func join() async throws(StepError) {
        state = .registering
        // A server joined again may be another one (restarted, upgraded): ask it anew about batched calls.
        serverBatchesObjects = nil
        var register = Flwr_Proto_RegisterNodeFleetRequest()
        register.publicKey = Data(publicKey)
        do throws(StepError) {
            let answer: Flwr_Proto_RegisterNodeFleetResponse = try await call(.registerNode, register)
            logger.debug("registered", metadata: ["node": "\(answer.nodeID)"])
            selfRegistered = true
        } catch {
            guard case .refused(_, let failure) = error else { throw error }
            guard failure.kind == .conflict || failure.kind == .preconditionFailed else { throw .failed(.joinRefused(failure)) }
            logger.info("registration refused; activating a key registered before or by the server's operator",
                        metadata: ["reason": "\(failure.flowerError.map(\.description) ?? failure.message)"])
        }
        var activate = Flwr_Proto_ActivateNodeRequest()
        activate.publicKey = Data(publicKey)
        activate.heartbeatInterval = configuration.heartbeatInterval
        let answer: Flwr_Proto_ActivateNodeResponse
        do throws(StepError) {
            answer = try await call(.activateNode, activate)
        } catch {
            guard case .refused(_, let failure) = error else { throw error }
            throw .failed(.joinRefused(failure))
        }
        nodeID = answer.nodeID
        needsRejoin = false
        state = .online(nodeID: answer.nodeID)
        logger.info("online", metadata: ["node": "\(answer.nodeID)", "heartbeat-interval": "\(configuration.heartbeatInterval)"])
        // Learn now whether the server has the batched object calls, so the first instruction's pulls do not
        // wait for the question; a probe that fails for want of a connection is asked again at the first pull.
        _ = try? await batchesObjects()
    }

    /// Joins again after the server forgot the node.
    func rejoin() async throws(StepError) {
        stats.rejoins += 1
        try await join()
    }

    /// Waits `duration` on the node's clock.
    /// - Throws: ``StepError/cancelled`` when the task is cancelled.
    func pause(_ duration: Duration) async throws(StepError) {
        do { try await Self.sleep(on: clock, for: duration) } catch { throw .cancelled }
    }

    /// Sleeps `duration` on `clock`.
    static func sleep(on clock: any Clock<Duration>, for duration: Duration) async throws {
        try await clock.sleep(for: duration)
    }
}
