import SwiftletFederated
import SwiftletTensor

/// Encodes `values` with the pipeline `specification`.
func encoded(_ specification: String, _ values: [Float], seed: UInt64 = 0) throws -> [UInt8] {
    let codec = try CompressedCodec(specification: specification)
    return values.withUnsafeBufferPointer { codec.encode($0, seed: seed) }
}

/// Encodes then decodes `values` with `specification`.
func roundTrip(_ specification: String, _ values: [Float], seed: UInt64 = 0) throws -> [Float] {
    try CompressedCodec.decode(encoded(specification, values, seed: seed), count: values.count)
}

/// `count` standard normal values scaled by `scale`, from `seed`.
func normalValues(_ count: Int, seed: UInt64, scale: Float = 1) -> [Float] {
    var generator = SeededGenerator(seed: seed)
    return (0..<count).map { _ in generator.nextNormal() * scale }
}

/// The largest |a − b| over the elements.
func maxAbsoluteError(_ a: [Float], _ b: [Float]) -> Float {
    zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}
