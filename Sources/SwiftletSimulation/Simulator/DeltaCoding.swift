import SwiftletFederated

/// How a model and an update travel when a codec compresses them: as deltas, so that the codec sees the
/// small, compressible change rather than the weights themselves. Pure functions; the simulator keeps the
/// per-device state (``DeviceCodecMemory``).
enum DeltaCoding {
    /// Whether `codec` sends the trained parameters themselves (the lossless `f32le`) rather than deltas.
    static func sendsParameters(_ codec: any Codec) -> Bool { codec is Float32Codec }

    /// What the server sends a device that last received `lastReceived` (`nil`: first contact) when the
    /// global model is `global`: the bytes on the downlink and the model the device decodes.
    ///
    /// On first contact the whole model goes as float32. Afterwards the server encodes `global − lastReceived`
    /// and the device adds what it decodes to what it holds; the server decodes the same bytes, so it knows
    /// exactly what the device holds, and the next delta makes up for this round's rounding — the downlink
    /// carries its own error feedback.
    static func downlink(global: [Float], lastReceived: [Float]?, codec: any Codec, seed: UInt64) throws(CodecError)
        -> (bytes: Int, model: [Float]) {
        guard let lastReceived else { return (global.count * 4, global) }
        guard lastReceived.count == global.count else {
            throw .lengthMismatch(codec: "last received model", expected: global.count, actual: lastReceived.count)
        }
        var delta = global
        for i in delta.indices { delta[i] -= lastReceived[i] }
        let bytes = delta.withUnsafeBufferPointer { codec.encode($0, seed: seed) }
        var model = try codec.decode(bytes, count: delta.count)
        for i in model.indices { model[i] += lastReceived[i] }
        return (bytes.count, model)
    }

    /// The wire form of a device's update: `trained − received` (plus the residual, with error feedback)
    /// through `codec`; returns the bytes and the device's new residual (`nil` without error feedback).
    static func uplink(trained: [Float], received: [Float], residual: [Float]?, errorFeedback: Bool, codec: any Codec,
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
