import SwiftletFederated
import SwiftletTensor

/// A virtual client on simulated hardware: before it trains, it plays its round out on the simulated clock —
/// download, compute, upload over its link, against the deadline, its online window and its battery — and
/// only trains when its update would arrive in time.
///
/// Every call sleeps exactly once on the simulation's ``SwiftletFederated/ManualClock``: until its update
/// arrives (then it answers), until its failure (then it throws), or, when it stops early — a straggler, a
/// device that went offline or ran flat — past the deadline, so the engine times it out exactly as a server
/// times out a device that never reports. The simulator's clock driver relies on that one sleep per call.
/// Transfers draw their frame losses from a generator seeded by (seed, node, round, attempt), so a
/// device's round is the same whatever the scheduling.
struct SimulatedDevice: Client {
    let client: VirtualClient
    let profile: DeviceProfile
    let runtime: SimulationRuntime

    var node: NodeID { client.node }

    func parameters(config: ConfigRecord) async throws -> ArrayRecord {
        try await client.parameters(config: config)
    }

    func evaluate(_ instruction: EvaluateInstruction) async throws -> EvaluateResult {
        try await client.evaluate(instruction)
    }

    func fit(_ instruction: FitInstruction) async throws -> FitResult {
        let start = runtime.clock.now
        let startSeconds = runtime.seconds
        let attempt = runtime.current
        let sizes = runtime.encodedSizes(of: instruction.parameters, auxiliary: instruction.auxiliary, for: attempt)
        let root = SeededGenerator(seed: runtime.seed).split(stream: node.rawValue)
            .split(stream: UInt64(attempt.round) << 16 | UInt64(attempt.attempt & 0xFFFF))
        // Codec draws (QSGD rounding, random-k masks) from their own streams, apart from link losses.
        var codecSeeds = root.split(stream: 0xC0DEC)
        let (downlinkSeed, uplinkSeed) = (codecSeeds.next(), codecSeeds.next())
        var downloadBytes = sizes.download
        var received: [Float]?
        var downlinkError: (any Error)?
        if !DeltaCoding.sendsParameters(runtime.downlinkCodec) {
            do {
                let delta = try DeltaCoding.downlink(global: instruction.parameters.values, lastReceived: runtime.codecMemory.received(node),
                                                     codec: runtime.downlinkCodec, seed: downlinkSeed)
                downloadBytes = sizes.auxiliaryDownload + delta.bytes
                received = delta.model
            } catch {
                downlinkError = error
            }
        }
        var generator = root
        let download = profile.link.transfer(bytes: downloadBytes, direction: .downlink, generator: &generator)
        let afterDownload = generator
        let plannedUpload = profile.link.transfer(bytes: sizes.upload, direction: .uplink, generator: &generator)
        let onlineFor = (profile.availability.onlineUntil(startSeconds) ?? startSeconds) - startSeconds
        let battery = runtime.batteryJoules(node)

        var timeline = DeviceTimeline(download: download, computeSeconds: 0, computeEnergy: 0, flops: 0, upload: plannedUpload)
        var outcome: Result<FitResult, any Error>
        var ending: DeviceTimeline.Ending
        var residual: [Float]?
        do {
            if let downlinkError { throw downlinkError }
            let plan = try LocalTrainingPlan(config: instruction.config)
            let peak = runtime.peakMemory(batchSize: plan.batchSize)
            guard peak <= profile.memoryBudget else {
                throw SimulatedDeviceError.outOfMemory(node: node, device: profile.name, required: peak, budget: profile.memoryBudget)
            }
            let cost = runtime.trainingCost(samples: try client.training.count(), plan: plan)
            timeline.computeSeconds = profile.computeTime(flops: cost.flops)
            timeline.computeEnergy = runtime.energies.energy(of: cost, memory: profile.memory)
            timeline.flops = Double(cost.flops)
            ending = timeline.ending(deadline: runtime.deadline, onlineFor: onlineFor, battery: battery)
            if ending.stop != nil {
                outcome = .failure(SimulatedDeviceError.stopped(node: node, outcome: ending.stop!))
            } else {
                var sent = instruction
                if let received { sent.parameters.values = received }
                let trained = try await client.fit(sent)
                let (encoded, bytes, newResidual) = try encode(trained, received: sent.parameters.values, seed: uplinkSeed)
                residual = newResidual
                if bytes != sizes.upload {
                    var uploadGenerator = afterDownload
                    timeline.upload = profile.link.transfer(bytes: bytes, direction: .uplink, generator: &uploadGenerator)
                    ending = timeline.ending(deadline: runtime.deadline, onlineFor: onlineFor, battery: battery)
                }
                outcome = ending.stop.map { .failure(SimulatedDeviceError.stopped(node: node, outcome: $0)) } ?? .success(encoded)
            }
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            // The device reports its error once it has the model and has tried to train.
            timeline.upload = .empty(.uplink)
            ending = timeline.ending(deadline: runtime.deadline, onlineFor: onlineFor, battery: battery)
            outcome = .failure(error)
        }

        let failed: Bool
        if case .failure = outcome { failed = true } else { failed = false }
        // The device holds the model it decoded once its download completed; its residual changes only
        // when its update went out.
        if let received, ending.stop == nil || ending.time >= timeline.download.wallTime {
            runtime.codecMemory.setReceived(node, received)
        }
        if let residual, !failed { runtime.codecMemory.setResidual(node, residual) }
        runtime.record(DeviceRoundRecord(
            node: node, device: profile.name, link: profile.link.name,
            outcome: ending.stop ?? (failed ? .failed : .accepted),
            downloadSeconds: ending.downloadSeconds, computeSeconds: ending.computeSeconds, uploadSeconds: ending.uploadSeconds,
            finishSeconds: ending.time, downloadBytes: ending.downloadBytes, uploadBytes: ending.uploadBytes,
            bytesOnAir: ending.bytesOnAir, flops: ending.flops, computeEnergy: ending.computeEnergy,
            downlinkEnergy: ending.downlinkEnergy, uplinkEnergy: ending.uplinkEnergy, batteryLevel: nil), for: attempt)

        // One sleep per call: answer at arrival, fail at the failure, or stay silent past the deadline.
        let wake = ending.stop == nil ? ending.time : runtime.deadline * 2 + 1
        try await runtime.clock.sleep(until: start.advanced(by: max(.seconds(wake), .nanoseconds(1))), tolerance: nil)
        return try outcome.get()
    }

    /// The update as it travels: every array in the uplink codec's wire form — the parameters themselves
    /// for `f32le`, otherwise the delta against `received` (with the error-feedback residual when enabled);
    /// returns the result to hand the engine, the bytes it occupies and the device's new residual.
    private func encode(_ result: FitResult, received: [Float], seed: UInt64) throws(CodecError) -> (FitResult, Int, [Float]?) {
        var result = result
        var bytes = 0
        var residual: [Float]?
        let codec = runtime.uplinkCodec
        for array in result.auxiliary.values {
            bytes += array.values.withUnsafeBufferPointer { codec.encode($0, seed: seed).count }
        }
        if case .arrays(let parameters) = result.payload {
            if DeltaCoding.sendsParameters(codec) {
                let encoded = parameters.values.withUnsafeBufferPointer { codec.encode($0) }
                bytes += encoded.count
                result.payload = .encoded(EncodedArrays(codec: codec.identifier, bytes: encoded, isDelta: false))
            } else {
                let update = try DeltaCoding.uplink(trained: parameters.values, received: received,
                                                    residual: runtime.codecMemory.residual(node),
                                                    errorFeedback: runtime.errorFeedback, codec: codec, seed: seed)
                bytes += update.bytes.count
                residual = update.residual
                result.payload = .encoded(EncodedArrays(codec: codec.identifier, bytes: update.bytes, isDelta: true))
            }
        } else if case .encoded(let encoded) = result.payload {
            bytes += encoded.bytes.count
        }
        return (result, bytes, residual)
    }
}

/// Why a simulated device did not deliver an update.
public enum SimulatedDeviceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The deadline, its online window or its battery stopped it.
    case stopped(node: NodeID, outcome: DeviceOutcome)
    /// Training at the round's batch size needs more memory than the device has.
    case outOfMemory(node: NodeID, device: String, required: Int, budget: Int)

    public var description: String {
        switch self {
        case let .stopped(node, outcome): "\(node) stopped: \(outcome.rawValue)"
        case let .outOfMemory(node, device, required, budget):
            "\(node) (\(device)) cannot train: needs \(required) bytes, has \(budget)"
        }
    }
}
