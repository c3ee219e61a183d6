/// Error feedback: a device keeps what its codec failed to send and adds it to its next update.
///
/// A biased compressor — top-k, threshold, unscaled random-k, sign — drops or distorts part of every
/// update; summed over rounds the loss can stall training. Keeping the residual `e` on the device and
/// sending `C(Δ + e)` with `e ← (Δ + e) − C(Δ + e)` makes every coordinate's mass arrive eventually. This is
/// the memory of Stich, Cordonnier and Jaggi ("Sparsified SGD with Memory", NeurIPS 2018) and the error
/// feedback of Karimireddy et al. ("Error Feedback Fixes SignSGD and other Gradient Compression Schemes",
/// ICML 2019), proved there to restore SGD's convergence rate; Deep Gradient Compression (Lin et al., ICLR
/// 2018) accumulates the same way. The functions are pure: the caller stores the residual per device.
public enum ErrorFeedback {
    /// `update + residual`, or `update` when there is no residual yet.
    ///
    /// - Throws: ``CodecError/lengthMismatch(codec:expected:actual:)`` (in values, codec `residual`) when the
    ///   residual has another length than the update.
    public static func compensate(_ update: [Float], residual: [Float]?) throws(CodecError) -> [Float] {
        guard let residual else { return update }
        guard residual.count == update.count else {
            throw .lengthMismatch(codec: "residual", expected: update.count, actual: residual.count)
        }
        var sum = update
        for i in sum.indices { sum[i] += residual[i] }
        return sum
    }

    /// What the transmission missed: `compensated − transmitted`.
    ///
    /// - Throws: ``CodecError/lengthMismatch(codec:expected:actual:)`` (in values) for vectors of different lengths.
    public static func residual(compensated: [Float], transmitted: [Float]) throws(CodecError) -> [Float] {
        guard compensated.count == transmitted.count else {
            throw .lengthMismatch(codec: "residual", expected: compensated.count, actual: transmitted.count)
        }
        var difference = compensated
        for i in difference.indices { difference[i] -= transmitted[i] }
        return difference
    }

    /// Encodes `update + residual` with `codec` and `seed`; returns the bytes, the values the receiver will
    /// decode from them, and the new residual.
    ///
    /// - Throws: a length mismatch, or the codec's error should it fail to decode its own bytes.
    public static func encode(_ update: [Float], residual: [Float]?, codec: any Codec, seed: UInt64)
        throws(CodecError) -> (bytes: [UInt8], transmitted: [Float], residual: [Float]) {
        let compensated = try compensate(update, residual: residual)
        let bytes = compensated.withUnsafeBufferPointer { codec.encode($0, seed: seed) }
        let transmitted = try codec.decode(bytes, count: compensated.count)
        return (bytes, transmitted, try Self.residual(compensated: compensated, transmitted: transmitted))
    }
}
