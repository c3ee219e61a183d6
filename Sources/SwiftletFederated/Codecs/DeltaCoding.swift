/// How a model and an update travel when a codec compresses them: as deltas, so that the codec sees the
/// small, compressible change rather than the weights themselves.
///
/// Pure functions shared by the simulator and the fleet: the caller keeps the per-device state (the model a
/// device last received, its error-feedback residual). Compressing the model delta rather than the model
/// follows the federated-compression line of Konečný et al. ("Federated Learning: Strategies for Improving
/// Communication Efficiency", 2016); keeping both ends' copies in step makes the downlink carry its own
/// error feedback, as in the "double squeeze" of Tang et al. (ICML 2019).
public enum DeltaCoding {
    /// Whether `codec` sends the trained parameters themselves (the lossless `f32le`) rather than deltas.
    public static func sendsParameters(_ codec: any Codec) -> Bool { codec is Float32Codec }

    /// What the server sends a device that last received `lastReceived` (`nil`: first contact) when the
    /// global model is `global`: the number of bytes on the downlink and the model the device decodes.
    ///
    /// On first contact the whole model goes as float32. Afterwards the server encodes `global − lastReceived`
    /// (``encodeDelta(target:base:codec:seed:)``) and the device adds what it decodes to what it holds; the
    /// server decodes the same bytes, so it knows exactly what the device holds, and the next delta makes up
    /// for this round's rounding — the downlink carries its own error feedback.
    ///
    /// - Throws: ``CodecError/lengthMismatch(codec:expected:actual:)`` (in values, codec `last received model`)
    ///   when the held model has another length than the global model.
    public static func downlink(global: [Float], lastReceived: [Float]?, codec: any Codec, seed: UInt64) throws(CodecError)
        -> (bytes: Int, model: [Float]) {
        guard let lastReceived else { return (global.count * 4, global) }
        let delta = try encodeDelta(target: global, base: lastReceived, codec: codec, seed: seed)
        return (delta.bytes.count, delta.model)
    }

    /// Encodes `target − base` with `codec` and `seed`; returns the bytes and the model a receiver holding
    /// `base` reconstructs from them (``applyDelta(_:to:codec:)``), bit for bit.
    ///
    /// - Throws: ``CodecError/lengthMismatch(codec:expected:actual:)`` (in values, codec `last received model`)
    ///   when `base` has another length than `target`, or the codec's error should it fail to decode its own bytes.
    public static func encodeDelta(target: [Float], base: [Float], codec: any Codec, seed: UInt64) throws(CodecError)
        -> (bytes: [UInt8], model: [Float]) {
        guard base.count == target.count else {
            throw .lengthMismatch(codec: "last received model", expected: target.count, actual: base.count)
        }
        var delta = target
        for i in delta.indices { delta[i] -= base[i] }
        let bytes = delta.withUnsafeBufferPointer { codec.encode($0, seed: seed) }
        return (bytes, try applyDelta(bytes, to: base, codec: codec))
    }

    /// The model a receiver holding `base` reconstructs from delta `bytes`: `base + decode(bytes)`.
    ///
    /// - Throws: the codec's ``CodecError`` for bytes that do not decode to `base.count` values; never traps.
    public static func applyDelta(_ bytes: [UInt8], to base: [Float], codec: any Codec) throws(CodecError) -> [Float] {
        var model = try codec.decode(bytes, count: base.count)
        for i in model.indices { model[i] += base[i] }
        return model
    }

    /// The wire form of a device's update: `trained − received` (plus the residual, with error feedback)
    /// through `codec`; returns the bytes and the device's new residual (`nil` without error feedback).
    ///
    /// Error feedback is that of ``ErrorFeedback`` (Stich et al., NeurIPS 2018; Karimireddy et al., ICML 2019).
    ///
    /// - Throws: ``CodecError/lengthMismatch(codec:expected:actual:)`` (in values, codec `received model`) when
    ///   the models differ in length, or the residual's length mismatch.
    public static func uplink(trained: [Float], received: [Float], residual: [Float]?, errorFeedback: Bool, codec: any Codec,
                              seed: UInt64) throws(CodecError) -> (bytes: [UInt8], residual: [Float]?) {
        guard trained.count == received.count else {
            throw .lengthMismatch(codec: "received model", expected: trained.count, actual: received.count)
        }
        var delta = trained
        for i in delta.indices { delta[i] -= received[i] }
        guard errorFeedback else { return (delta.withUnsafeBufferPointer { codec.encode($0, seed: seed) }, nil) }
        let step = try ErrorFeedback.encode(delta, residual: residual, codec: codec, seed: seed)
        return (step.bytes, step.residual)
    }
}
