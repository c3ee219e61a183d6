import SwiftletTensor

/// How a compressed payload writes the values it keeps: the last stage of a ``CompressedCodec``.
public enum ValueQuantizer: Sendable, Hashable {
    /// float32, exact (``Float32Quantizer``).
    case float32
    /// IEEE binary16 (``HalfPrecisionQuantizer``).
    case float16
    /// bfloat16 (``BFloat16Quantizer``).
    case bfloat16
    /// 8-bit linear codes with a float32 scale per block of `blockSize` (``Blockwise8BitQuantizer``).
    case blockwise8(blockSize: Int)
    /// Unbiased stochastic `bits`-bit codes with a scale per bucket of `bucketSize` (``QSGDQuantizer``).
    case qsgd(bits: Int, bucketSize: Int)
    /// One sign bit per value with a mean-magnitude scale per block of `blockSize` (``SignQuantizer``).
    case sign(blockSize: Int)

    /// The block size of `u8` when none is given: 256, as in Dettmers et al.'s 8-bit optimizers' 2,048 scaled
    /// down for updates of small models (1.6% overhead).
    public static let defaultBlockSize = 256
    /// The bucket size of `qsgd` when none is given: 512, the bucket size of QSGD's experiments.
    public static let defaultBucketSize = 512
    /// The block size of `sign` when none is given.
    public static let defaultSignBlockSize = 1024
    /// The largest block or bucket the wire format accepts.
    public static let maxBlockSize = 1 << 16

    /// Its specification, as ``CompressedCodec/init(specification:)`` reads it.
    public var name: String {
        switch self {
        case .float32: "f32"
        case .float16: "f16"
        case .bfloat16: "bf16"
        case .blockwise8(let block): "u8:\(block)"
        case let .qsgd(bits, bucket): "qsgd:\(bits):\(bucket)"
        case .sign(let block): "sign:\(block)"
        }
    }

    /// Its stage id in the wire format.
    var stageID: UInt8 {
        switch self {
        case .float32: CompressedWireFormat.Stage.float32
        case .float16: CompressedWireFormat.Stage.float16
        case .bfloat16: CompressedWireFormat.Stage.bfloat16
        case .blockwise8: CompressedWireFormat.Stage.blockwise8
        case .qsgd: CompressedWireFormat.Stage.qsgd
        case .sign: CompressedWireFormat.Stage.sign
        }
    }

    /// Whether decoding gives back exactly the input.
    public var isLossless: Bool { self == .float32 }

    /// Checks the parameters are in range.
    func validate() throws(CodecError) {
        func checkBlock(_ block: Int, _ what: String) throws(CodecError) {
            guard (1...Self.maxBlockSize).contains(block) else {
                throw .invalidParameter(codec: CompressedCodec.wireIdentifier, stage: name, reason: "\(what) \(block) is outside 1...\(Self.maxBlockSize)")
            }
        }
        switch self {
        case .float32, .float16, .bfloat16: return
        case .blockwise8(let block): try checkBlock(block, "block size")
        case .sign(let block): try checkBlock(block, "block size")
        case let .qsgd(bits, bucket):
            guard (1...8).contains(bits) else {
                throw .invalidParameter(codec: CompressedCodec.wireIdentifier, stage: name, reason: "bits \(bits) is outside 1...8")
            }
            try checkBlock(bucket, "bucket size")
        }
    }

    /// Bytes the payload of `count` values takes.
    func payloadSize(count: Int) -> Int {
        switch self {
        case .float32: Float32Quantizer.payloadSize(count: count)
        case .float16: HalfPrecisionQuantizer.payloadSize(count: count)
        case .bfloat16: BFloat16Quantizer.payloadSize(count: count)
        case .blockwise8(let block): Blockwise8BitQuantizer.payloadSize(count: count, blockSize: block)
        case let .qsgd(bits, bucket): QSGDQuantizer.payloadSize(count: count, bits: bits, bucketSize: bucket)
        case .sign(let block): SignQuantizer.payloadSize(count: count, blockSize: block)
        }
    }

    /// Writes the payload of `values` into `out`, exactly ``payloadSize(count:)`` bytes.
    func encode(_ values: UnsafeBufferPointer<Float>, generator: inout SeededGenerator, into out: UnsafeMutableRawBufferPointer) {
        guard !values.isEmpty else { return }
        switch self {
        case .float32: Float32Quantizer.encode(values, into: out)
        case .float16: HalfPrecisionQuantizer.encode(values, into: out)
        case .bfloat16: BFloat16Quantizer.encode(values, into: out)
        case .blockwise8(let block): Blockwise8BitQuantizer.encode(values, blockSize: block, into: out)
        case let .qsgd(bits, bucket): QSGDQuantizer.encode(values, bits: bits, bucketSize: bucket, generator: &generator, into: out)
        case .sign(let block): SignQuantizer.encode(values, blockSize: block, into: out)
        }
    }

    /// Reads `count` values from `payload`, which is exactly ``payloadSize(count:)`` bytes.
    func decode(_ payload: UnsafeRawBufferPointer, count: Int, into out: UnsafeMutablePointer<Float>) throws(CodecError) {
        guard count > 0 else { return }
        let codec = CompressedCodec.wireIdentifier
        switch self {
        case .float32: Float32Quantizer.decode(payload, count: count, into: out)
        case .float16: HalfPrecisionQuantizer.decode(payload, count: count, into: out)
        case .bfloat16: BFloat16Quantizer.decode(payload, count: count, into: out)
        case .blockwise8(let block): try Blockwise8BitQuantizer.decode(payload, count: count, blockSize: block, codec: codec, into: out)
        case let .qsgd(bits, bucket): try QSGDQuantizer.decode(payload, count: count, bits: bits, bucketSize: bucket, codec: codec, into: out)
        case .sign(let block): try SignQuantizer.decode(payload, count: count, blockSize: block, codec: codec, into: out)
        }
    }
}
