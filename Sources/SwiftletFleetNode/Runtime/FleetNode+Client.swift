import SwiftletFederated
import SwiftletFleetProtocol
import SwiftletTensor

/// Running an instruction on the app's client: map the content, check it, call, map the result back.
extension FleetNode {
    /// The reply content for a verified instruction.
    /// - Throws: ``StepError/invalid(code:reason:)`` for content that is not a usable instruction (wrong
    ///   shapes or dtypes, non-finite values, unknown type) or a client that failed; ``StepError/cancelled``.
    func answer(_ instruction: FleetMessage) async throws(StepError) -> RecordDict {
        let id = instruction.metadata.messageID
        guard case .content(let content) = instruction.body else {
            throw .invalid(code: FleetErrorCode.clientAppRaisedException, reason: "message \(id) carries an error, not an instruction")
        }
        let type = instruction.metadata.messageType
        switch type {
        case FleetMessageType.train:
            let downlink: (DownlinkInstruction, EncodedArrays?)?
            do { downlink = try DownlinkInstruction.read(content) } catch {
                throw .invalid(code: FleetErrorCode.clientAppRaisedException, reason: "train instruction \(id): \(error)")
            }
            var fit: FitInstruction
            let uplink: UplinkCompression?
            do {
                if let (description, delta) = downlink {
                    fit = try await downlinkFit(content, downlink: description, delta: delta, run: instruction.metadata.runID, id: id)
                } else {
                    fit = try FleetContentMapping.fitInstruction(content, expected: await expectedSpecs())
                }
                uplink = try UplinkCompression.extract(from: &fit.config)
            } catch let error as StepError {
                throw error
            } catch {
                throw .invalid(code: FleetErrorCode.clientAppRaisedException, reason: "train instruction \(id): \(error)")
            }
            try Self.checkFinite(fit.parameters, what: "train instruction \(id): arrays")
            for name in fit.auxiliary.keys.sorted() {
                try Self.checkFinite(fit.auxiliary[name]!, what: "train instruction \(id): auxiliary '\(name)'")
            }
            if let (description, _) = downlink { hold(fit.parameters, digest: description.model, run: instruction.metadata.runID) }
            let codec = try uplink.map { (u) throws(StepError) in try Self.uplinkCodec(u) }
            var result: FitResult
            do { result = try await client.fit(fit) } catch {
                if Task.isCancelled { throw .cancelled }
                throw .invalid(code: FleetErrorCode.clientAppRaisedException, reason: "the client failed to train (round \(fit.round)): \(error)")
            }
            if case .arrays(let arrays) = result.payload { try Self.checkFinite(arrays, what: "the client's trained arrays") }
            if let uplink, let codec {
                result = try compress(result, received: fit.parameters, codec: codec, errorFeedback: uplink.errorFeedback,
                                      run: instruction.metadata.runID, round: fit.round)
            }
            var reply: RecordDict
            do {
                // Named as the instruction named them: Flower averages replies key by key.
                reply = try FleetContentMapping.content(result, encoding: configuration.arrayEncoding,
                                                        arrayKeys: FleetContentMapping.arrayKeys(content))
            } catch {
                throw .invalid(code: FleetErrorCode.clientAppRaisedException, reason: "the client's train result: \(error)")
            }
            if let (description, _) = downlink { DownlinkInstruction.acknowledge(description.model, in: &reply) }
            stats.fits += 1
            return reply
        case FleetMessageType.evaluate:
            let evaluate: EvaluateInstruction
            do { evaluate = try FleetContentMapping.evaluateInstruction(content, expected: await expectedSpecs()) } catch {
                throw .invalid(code: FleetErrorCode.clientAppRaisedException, reason: "evaluate instruction \(id): \(error)")
            }
            try Self.checkFinite(evaluate.parameters, what: "evaluate instruction \(id): arrays")
            let result: EvaluateResult
            do { result = try await client.evaluate(evaluate) } catch {
                if Task.isCancelled { throw .cancelled }
                throw .invalid(code: FleetErrorCode.clientAppRaisedException, reason: "the client failed to evaluate (round \(evaluate.round)): \(error)")
            }
            guard result.loss.isFinite else {
                throw .invalid(code: FleetErrorCode.clientAppRaisedException, reason: "the client's evaluation loss \(result.loss) is not finite")
            }
            stats.evaluations += 1
            return FleetContentMapping.content(result)
        default:
            throw .invalid(code: FleetErrorCode.clientAppRaisedException,
                           reason: "message \(id): unknown message type '\(type.prefix(80))' (expected train or evaluate)")
        }
    }

    /// The array layout instructions must have, per ``FleetNodeConfiguration/expectedArrays``.
    func expectedSpecs() async -> [ArraySpec]? {
        switch configuration.expectedArrays {
        case .any: return nil
        case .specs(let specs): return specs
        case .fromClient:
            if let clientSpecs { return clientSpecs }
            do {
                let specs = try await client.parameters(config: [:]).specs
                clientSpecs = specs
                return specs
            } catch {
                logger.warning("the client did not give its parameters; arrays are not checked against them", metadata: ["reason": "\(error)"])
                return nil
            }
        }
    }

    /// Refuses NaN and infinite values, naming the first array that holds one.
    static func checkFinite(_ record: ArrayRecord, what: String) throws(StepError) {
        // The vectorised pass first: a whole model is checked on every instruction and reply.
        let finite = record.values.withUnsafeBufferPointer { $0.isEmpty || Kernels.allFinite($0.baseAddress!, count: $0.count) }
        if finite { return }
        guard let index = record.values.firstIndex(where: { !$0.isFinite }) else { return }
        var offset = 0
        for spec in record.specs {
            if index < offset + spec.count {
                throw .invalid(code: FleetErrorCode.clientAppRaisedException,
                               reason: "\(what): array '\(spec.name)' holds \(record.values[index]) at element \(index - offset)")
            }
            offset += spec.count
        }
        throw .invalid(code: FleetErrorCode.clientAppRaisedException, reason: "\(what): a value is \(record.values[index])")
    }
}
