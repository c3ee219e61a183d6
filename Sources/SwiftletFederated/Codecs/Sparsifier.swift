/// Which values a compressed payload keeps: the optional first stage of a ``CompressedCodec``. The values
/// it drops decode as zero; ``ErrorFeedback`` carries them into the next update.
public enum Sparsifier: Sendable, Hashable {
    /// The `fraction` of values of largest magnitude (``TopKSparsifier``); positions are Rice-coded.
    case topK(fraction: Double)
    /// A uniformly random `fraction` of positions from a seed in the header (``RandomKSparsifier``).
    case randomK(fraction: Double)
    /// Every value of magnitude at least the threshold (``ThresholdSparsifier``); positions are Rice-coded.
    case threshold(Float)

    /// Its specification, as ``CompressedCodec/init(specification:)`` reads it.
    public var name: String {
        switch self {
        case .topK(let fraction): "topk:\(fraction)"
        case .randomK(let fraction): "randk:\(fraction)"
        case .threshold(let tau): "threshold:\(tau)"
        }
    }

    /// Checks the parameter is in range.
    func validate() throws(CodecError) {
        switch self {
        case .topK(let fraction), .randomK(let fraction):
            guard fraction > 0, fraction <= 1 else {
                throw .invalidParameter(codec: CompressedCodec.wireIdentifier, stage: name, reason: "fraction must be in (0, 1]")
            }
        case .threshold(let tau):
            guard tau.isFinite, tau >= 0 else {
                throw .invalidParameter(codec: CompressedCodec.wireIdentifier, stage: name, reason: "threshold must be finite and ≥ 0")
            }
        }
    }
}
