import SwiftletFederated
import SwiftletFleetProtocol

/// Compressed downlinks: the node keeps the model it last received and applies the server's deltas to it.
extension FleetNode {
    /// A model the node holds for a run's compressed downlink, by digest.
    struct HeldModel: Sendable {
        var digest: ModelDigest
        var model: ArrayRecord
    }

    /// How many models the node keeps per run: the latest, and the one before it, so a node whose reply was
    /// lost (the server still takes it to hold the older model) can apply the next delta all the same.
    static let heldModelsPerRun = 2

    /// The train instruction of `content` whose downlink is `downlink`: with `delta`, the parameters are the
    /// held base plus the decoded delta; without, the whole model the content carries. Either way the
    /// model's digest must be the one the server computed; the caller holds it (``hold(_:digest:run:)``) once
    /// it passed the instruction's other checks.
    ///
    /// Held models live in memory: a restarted node holds none, answers the next delta with
    /// ``FleetErrorCode/downlinkBaseMissing``, and the server sends it the whole model the time after.
    /// - Throws: ``StepError/invalid(code:reason:)``: ``FleetErrorCode/downlinkBaseMissing`` for a base the
    ///   node does not hold or a reconstruction with another digest; ``FleetErrorCode/unsupportedCodec`` for
    ///   a codec it cannot decode; ``FleetErrorCode/clientAppRaisedException`` for bytes that do not decode.
    func downlinkFit(_ content: RecordDict, downlink: DownlinkInstruction, delta: EncodedArrays?, run: UInt64,
                     id: String) async throws(StepError) -> FitInstruction {
        let fit: FitInstruction
        if let delta, let base = downlink.base {
            guard let held = heldModels[run]?.last(where: { $0.digest == base }) else {
                throw .invalid(code: FleetErrorCode.downlinkBaseMissing,
                               reason: "train instruction \(id): the model delta applies to model \(base), which this node does not hold")
            }
            guard let codec = CodecRegistry.standard.codec(named: delta.codec) else {
                throw .invalid(code: FleetErrorCode.unsupportedCodec, reason: "downlink codec '\(delta.codec.prefix(200))' is unknown to this node")
            }
            do {
                let values = try DeltaCoding.applyDelta(delta.bytes, to: held.model.values, codec: codec)
                fit = try FleetContentMapping.fitInstruction(content, parameters: try held.model.with(values: values))
            } catch {
                throw .invalid(code: FleetErrorCode.clientAppRaisedException, reason: "train instruction \(id): model delta: \(error)")
            }
        } else {
            do { fit = try FleetContentMapping.fitInstruction(content, expected: await expectedSpecs()) } catch {
                throw .invalid(code: FleetErrorCode.clientAppRaisedException, reason: "train instruction \(id): \(error)")
            }
        }
        let digest = ModelDigest(of: fit.parameters.values)
        guard digest == downlink.model else {
            throw .invalid(code: FleetErrorCode.downlinkBaseMissing,
                           reason: "train instruction \(id): the model received has digest \(digest), the server's is \(downlink.model)")
        }
        return fit
    }

    /// Keeps `model` (whose digest is `digest`) as the newest base for `run`'s deltas, dropping the oldest
    /// beyond ``heldModelsPerRun``.
    func hold(_ model: ArrayRecord, digest: ModelDigest, run: UInt64) {
        var held = heldModels[run, default: []].filter { $0.digest != digest }
        held.append(HeldModel(digest: digest, model: model))
        heldModels[run] = Array(held.suffix(Self.heldModelsPerRun))
    }
}
