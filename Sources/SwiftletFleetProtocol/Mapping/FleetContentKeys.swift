/// The record and entry names Swiftlet uses in message content, chosen to match Flower's strategies.
public enum FleetContentKeys {
    /// The model's arrays (Flower's `arrayrecord_key` default).
    public static let arrays = "arrays"
    /// The instruction's config (Flower's `configrecord_key` default).
    public static let config = "config"
    /// The reply's metrics.
    public static let metrics = "metrics"
    /// The round number inside the config record, as Flower's strategies write it.
    public static let serverRound = "server-round"
    /// The example count inside the metrics record (Flower's `weighted_by_key` default).
    public static let numExamples = "num-examples"
    /// The evaluation loss Flower's example ClientApps report, read when `loss` is absent.
    public static let flowerEvalLoss = "eval_loss"
    /// Prefix of the array records that carry auxiliary arrays (SCAFFOLD's control variates):
    /// `"swiftlet.aux." + auxiliary name`. Flower apps ignore records they do not know.
    public static let auxiliaryPrefix = "swiftlet.aux."
    /// The single array, inside `arrays`, that holds a codec-encoded update (stype `swiftlet.codec:<codec>`).
    public static let encodedArray = "swiftlet.encoded"
    /// The single array, inside an array record, that holds the whole record packed (stype `swiftlet.packed`).
    public static let packedArray = "swiftlet.packed"
    /// The config record describing a codec-encoded update.
    public static let payload = "swiftlet.payload"
    /// Inside `payload`: whether the encoded update is a delta from the global model.
    public static let payloadDelta = "delta"
    /// Inside a train instruction's `config`, between Swiftlet peers only: the codec specification the node
    /// encodes its update with (see ``UplinkCompression``). Absent: the node replies with plain arrays.
    public static let uplinkCodec = "swiftlet.uplink-codec"
    /// Inside a train instruction's `config`, beside ``uplinkCodec``: whether the node keeps its error-feedback
    /// residual and adds it to its next update.
    public static let errorFeedback = "swiftlet.error-feedback"
    /// The config record that describes a compressed downlink (``DownlinkInstruction``) in a train
    /// instruction, and the model a node holds after it in the reply. Swiftlet peers only.
    public static let downlink = "swiftlet.downlink"
    /// Inside `downlink`: the codec specification the server encoded the model delta with.
    public static let downlinkCodec = "codec"
    /// Inside `downlink`: the ``ModelDigest`` of the model the delta applies to; absent when the instruction
    /// carries the whole model.
    public static let downlinkBase = "base"
    /// Inside `downlink`: the ``ModelDigest`` of the model the node holds once it applied the instruction.
    public static let downlinkModel = "model"
    /// Inside a reply's `downlink`: the ``ModelDigest`` of the model the node trained from and now holds.
    public static let downlinkHeld = "held"
}
