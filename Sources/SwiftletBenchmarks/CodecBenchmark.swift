import SwiftletFederated
import SwiftletTensor

/// Encode and decode throughput, compression ratio and reconstruction error of the update codecs, one
/// thread, over vectors the size of zoo models' updates.
///
/// The input is a seeded normal vector scaled by 0.01 — the shape of a federated delta; the sparsifiers'
/// index cost depends on how kept positions spread, and a random vector spreads them as a real update of a
/// layer does. GB/s count float32 values: 4 bytes of input per value for encoding, 4 bytes of output per
/// value for decoding, so codecs compare on the work they do for the same model. Each figure is the best of
/// `repeats` timed runs, each long enough (≥ `minimumSeconds`) to be measured reliably; every decode is
/// checked against the input before anything is timed.
public struct CodecBenchmark: Sendable {
    /// Codec specifications (`f32le` or ``CompressedCodec`` specifications).
    public var codecs: [String]
    /// Vector lengths.
    public var sizes: [Int]
    /// Timed runs per figure.
    public var repeats: Int
    /// Shortest timed run, seconds.
    public var minimumSeconds = 0.05

    /// The codecs `swiftlet bench codecs` measures by default.
    public static let defaultCodecs = [
        "f32le", "f16", "bf16", "u8", "qsgd:8", "qsgd:4", "qsgd:2", "qsgd:1", "sign",
        "topk:0.01", "topk:0.01+u8", "topk:0.001+u8", "randk:0.01", "randk:0.01+u8", "threshold:0.025+u8",
    ]

    /// A benchmark of `codecs` at `sizes`.
    public init(codecs: [String] = Self.defaultCodecs, sizes: [Int] = [199_210, 1_663_370], repeats: Int = 5) {
        self.codecs = codecs
        self.sizes = sizes
        self.repeats = max(1, repeats)
    }

    /// Runs every measurement.
    public func run() throws -> [CodecMeasurement] {
        var rows: [CodecMeasurement] = []
        for size in sizes {
            var generator = SeededGenerator(seed: UInt64(size))
            let values = (0..<size).map { _ in generator.nextNormal() * 0.01 }
            for spec in codecs { rows.append(try measure(spec, values: values)) }
        }
        return rows
    }

    /// Measures one codec on `values`.
    public func measure(_ spec: String, values: [Float]) throws -> CodecMeasurement {
        let codec = try CodecRegistry.codec(specification: spec)
        let bytes = values.withUnsafeBufferPointer { codec.encode($0, seed: 1) }
        let decoded = try codec.decode(bytes, count: values.count)
        let encodeSeconds = best { values.withUnsafeBufferPointer { codec.encode($0, seed: 1).count } }
        let decodeSeconds = try bestThrowing { try codec.decode(bytes, count: values.count).count }
        var errorSquares = 0.0, normSquares = 0.0
        for (x, y) in zip(values, decoded) {
            errorSquares += Double(x - y) * Double(x - y)
            normSquares += Double(x) * Double(x)
        }
        var indexBits: Double?
        if let compressed = codec as? CompressedCodec, compressed.quantizer == .float32,
           case .topK(let kept, _) = try CompressedCodec.header(of: bytes, count: values.count).kept, kept > 0 {
            let header = try CompressedCodec.header(of: bytes, count: values.count)
            indexBits = Double(8 * (bytes.count - header.length - 4 * kept)) / Double(kept)
        }
        let floatBytes = Double(values.count * 4)
        return CodecMeasurement(
            codec: spec, parameters: values.count, bytes: bytes.count, ratio: floatBytes / Double(bytes.count),
            encodeGigabytesPerSecond: floatBytes / encodeSeconds / 1e9, decodeGigabytesPerSecond: floatBytes / decodeSeconds / 1e9,
            relativeError: (errorSquares / max(normSquares, .leastNormalMagnitude)).squareRoot(), indexBitsPerKept: indexBits)
    }

    private func best(_ body: () -> Int) -> Double {
        (try? bestThrowing(body)) ?? .infinity
    }

    private func bestThrowing(_ body: () throws -> Int) throws -> Double {
        let clock = ContinuousClock()
        var sink = 0
        let warm = try clock.measure { sink &+= try body() }.seconds
        let calls = max(1, Int((minimumSeconds / max(warm, 1e-9)).rounded(.up)))
        var bestSeconds = Double.infinity
        for _ in 0..<repeats {
            let elapsed = try clock.measure { for _ in 0..<calls { sink &+= try body() } }.seconds
            bestSeconds = min(bestSeconds, elapsed / Double(calls))
        }
        precondition(sink != Int.min)
        return bestSeconds
    }
}

/// One codec at one vector size.
public struct CodecMeasurement: Sendable, Codable, Equatable {
    /// The specification.
    public var codec: String
    /// Values in the vector.
    public var parameters: Int
    /// Encoded bytes.
    public var bytes: Int
    /// float32 bytes ÷ encoded bytes.
    public var ratio: Double
    /// Encoding speed, GB/s of float32 input.
    public var encodeGigabytesPerSecond: Double
    /// Decoding speed, GB/s of float32 output.
    public var decodeGigabytesPerSecond: Double
    /// ‖x − decode(encode(x))‖ / ‖x‖.
    public var relativeError: Double
    /// Bits per kept index (top-k with float32 values only: bytes minus header minus values).
    public var indexBitsPerKept: Double?
}
