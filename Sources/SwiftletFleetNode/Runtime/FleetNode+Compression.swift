import SwiftletFederated
import SwiftletFleetProtocol
import SwiftletTensor

/// Compressed updates: the node encodes `trained − received` with the codec the server asked for.
extension FleetNode {
    /// The codec `uplink` names, built before the client trains so an unusable request costs no training.
    /// - Throws: ``StepError/invalid(code:reason:)`` with ``FleetErrorCode/unsupportedCodec`` naming a codec
    ///   this node cannot build.
    static func uplinkCodec(_ uplink: UplinkCompression) throws(StepError) -> any Codec {
        do { return try CodecRegistry.codec(specification: uplink.codec) } catch {
            throw .invalid(code: FleetErrorCode.unsupportedCodec, reason: "uplink codec '\(uplink.codec.prefix(200))': \(error)")
        }
    }

    /// `result` with its parameters replaced by their encoding through `codec`: for `f32le` the trained
    /// parameters, otherwise the delta against `received`.
    ///
    /// With error feedback the node adds its residual for `run` and keeps the new one — in memory only: a
    /// restarted node starts again with no residual, which loses the mass it held (what the codec dropped
    /// since the last round) and nothing else. The residual advances when the reply is computed: the node
    /// cannot know whether the server used the update, and a reply the server never took only delays that
    /// mass. The codec's draws (QSGD rounding, random-k masks) come from ``uplinkSeed(run:round:node:)``, so
    /// the same instruction encodes the same bytes. A result that is already encoded is passed through.
    /// - Throws: ``StepError/invalid(code:reason:)`` for a trained model of another length than the received one.
    func compress(_ result: FitResult, received: ArrayRecord, codec: any Codec, errorFeedback: Bool, run: UInt64,
                  round: Int) throws(StepError) -> FitResult {
        guard case .arrays(let trained) = result.payload else { return result }
        var result = result
        if DeltaCoding.sendsParameters(codec) {
            let bytes = trained.values.withUnsafeBufferPointer { codec.encode($0) }
            result.payload = .encoded(EncodedArrays(codec: codec.identifier, bytes: bytes, isDelta: false))
            return result
        }
        let seed = Self.uplinkSeed(run: run, round: round, node: nodeID ?? 0)
        do {
            let update = try DeltaCoding.uplink(trained: trained.values, received: received.values,
                                                residual: errorFeedback ? residuals[run] : nil,
                                                errorFeedback: errorFeedback, codec: codec, seed: seed)
            residuals[run] = update.residual
            result.payload = .encoded(EncodedArrays(codec: codec.identifier, bytes: update.bytes, isDelta: true))
        } catch {
            throw .invalid(code: FleetErrorCode.clientAppRaisedException, reason: "encoding the update: \(error)")
        }
        return result
    }

    /// The seed of a node's uplink codec in `round` of `run`: the same instruction always encodes the same
    /// bytes, and nodes draw independently of one another.
    static func uplinkSeed(run: UInt64, round: Int, node: UInt64) -> UInt64 {
        var generator = SeededGenerator(seed: run).split(stream: node).split(stream: UInt64(truncatingIfNeeded: round))
        return generator.next()
    }
}
