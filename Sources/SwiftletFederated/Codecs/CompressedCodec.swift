import SwiftletTensor

/// A compression pipeline for flat update deltas — an optional ``Sparsifier`` then a ``ValueQuantizer`` —
/// writing the self-describing ``CompressedWireFormat``.
///
/// Every pipeline has the identifier `swc`: the header names the stages and their parameters, so any
/// `CompressedCodec` decodes any `swc` payload and a server registers one (``CodecRegistry/standard``
/// does). ``name`` is the pipeline's specification, such as `topk:0.01+u8:256`.
///
/// Stochastic stages (``ValueQuantizer/qsgd(bits:bucketSize:)``'s rounding, ``Sparsifier/randomK(fraction:)``'s
/// mask) draw from the seed given to ``encode(_:seed:)``: the same values and seed give the same bytes.
/// Biased stages (top-k, threshold, random-k without rescaling, sign) are meant to run with
/// ``ErrorFeedback``. Decoding is strict and total: it returns exactly `count` values or throws a
/// ``CodecError`` saying what was wrong and where, and never traps or reads out of bounds.
public struct CompressedCodec: Codec, Hashable {
    /// The identifier of every compressed payload.
    public static let wireIdentifier = "swc"

    /// `swc`.
    public var identifier: String { Self.wireIdentifier }
    /// Which values are kept, or `nil` for all.
    public let sparsifier: Sparsifier?
    /// How the kept values are written.
    public let quantizer: ValueQuantizer

    /// A pipeline of `sparsifier` (if any) then `quantizer`.
    ///
    /// - Throws: ``CodecError/invalidParameter(codec:stage:reason:)`` for a parameter out of range.
    public init(sparsifier: Sparsifier? = nil, quantizer: ValueQuantizer) throws(CodecError) {
        try sparsifier?.validate()
        try quantizer.validate()
        self.sparsifier = sparsifier
        self.quantizer = quantizer
    }

    /// A pipeline known to be valid.
    init(unchecked quantizer: ValueQuantizer) {
        sparsifier = nil
        self.quantizer = quantizer
    }

    /// The specification, such as `topk:0.01+u8:256`.
    public var name: String {
        guard let sparsifier else { return quantizer.name }
        return sparsifier.name + "+" + quantizer.name
    }

    /// Whether decoding gives back exactly the input.
    public var isLossless: Bool { sparsifier == nil && quantizer.isLossless }

    /// Encodes with seed 0.
    public func encode(_ values: UnsafeBufferPointer<Float>) -> [UInt8] { encode(values, seed: 0) }

    /// Encodes `values`; stochastic stages draw from `seed`.
    public func encode(_ values: UnsafeBufferPointer<Float>, seed: UInt64) -> [UInt8] {
        let n = values.count
        var root = SeededGenerator(seed: seed)
        let maskSeed = root.next()
        var rounding = root.split(stream: 1)
        var writer = WireWriter()
        writer.bytes.reserveCapacity(32 + quantizer.payloadSize(count: sparsifier == nil ? n : 0))
        writer.bytes.append(contentsOf: CompressedWireFormat.magic)
        writer.byte(CompressedWireFormat.version)
        writer.byte(sparsifier == nil ? 1 : 2)

        var kept: [Int]?
        var indexBytes: [UInt8] = []
        switch sparsifier {
        case nil:
            break
        case .topK(let fraction):
            let positions = TopKSparsifier.select(values, k: TopKSparsifier.keptCount(fraction: fraction, count: n))
            let rice = RiceIndexCoding.bestParameter(positions, count: n)
            writer.byte(CompressedWireFormat.Stage.topK)
            writer.varint(positions.count)
            writer.byte(UInt8(rice.parameter))
            indexBytes = RiceIndexCoding.encode(positions, parameter: rice.parameter, bits: rice.bits)
            kept = positions
        case .threshold(let tau):
            let positions = ThresholdSparsifier.select(values, threshold: tau)
            let rice = RiceIndexCoding.bestParameter(positions, count: n)
            writer.byte(CompressedWireFormat.Stage.threshold)
            writer.float(tau)
            writer.varint(positions.count)
            writer.byte(UInt8(rice.parameter))
            indexBytes = RiceIndexCoding.encode(positions, parameter: rice.parameter, bits: rice.bits)
            kept = positions
        case .randomK(let fraction):
            let k = TopKSparsifier.keptCount(fraction: fraction, count: n)
            writer.byte(CompressedWireFormat.Stage.randomK)
            writer.varint(k)
            writer.uint64(maskSeed)
            kept = RandomKSparsifier.positions(count: n, k: k, seed: maskSeed)
        }
        writer.byte(quantizer.stageID)
        switch quantizer {
        case .float32, .float16, .bfloat16: break
        case .blockwise8(let block), .sign(let block): writer.varint(block)
        case let .qsgd(bits, bucket):
            writer.byte(UInt8(bits))
            writer.varint(bucket)
        }
        writer.varint(n)
        writer.bytes.append(contentsOf: indexBytes)

        if let kept {
            let gathered = kept.map { values[$0] }
            gathered.withUnsafeBufferPointer { g in
                writer.append(count: quantizer.payloadSize(count: g.count)) { quantizer.encode(g, generator: &rounding, into: $0) }
            }
        } else {
            writer.append(count: quantizer.payloadSize(count: n)) { quantizer.encode(values, generator: &rounding, into: $0) }
        }
        return writer.bytes
    }

    /// Decodes any `swc` payload of `count` values, whatever pipeline wrote it.
    public func decode(_ bytes: [UInt8], count: Int) throws(CodecError) -> [Float] {
        try Self.decode(bytes, count: count)
    }
}
