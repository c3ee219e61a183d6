extension CompressedCodec {
    /// Parses a specification: a quantizer, or a sparsifier and a quantizer joined by `+`.
    ///
    /// Quantizers: `f32`, `f16`, `bf16`, `u8[:block]`, `qsgd:<bits>[:bucket]`, `sign[:block]`. Sparsifiers:
    /// `topk:<fraction>`, `randk:<fraction>`, `threshold:<τ>`; a sparsifier alone keeps its values in `f32`.
    /// Examples: `u8`, `qsgd:4`, `topk:0.01+u8`, `randk:0.05+f16`, `threshold:0.001+sign`.
    ///
    /// - Throws: ``CodecError/invalidSpecification(_:reason:)`` for text it cannot read, or
    ///   ``CodecError/invalidParameter(codec:stage:reason:)`` for a parameter out of range.
    public init(specification: String) throws(CodecError) {
        let parts = specification.split(separator: "+", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count) else {
            throw .invalidSpecification(specification, reason: "expected '<quantizer>' or '<sparsifier>+<quantizer>'")
        }
        var sparsifier: Sparsifier?
        var quantizer: ValueQuantizer?
        for (i, part) in parts.enumerated() {
            let fields = part.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            let name = fields[0]
            let arguments = Array(fields.dropFirst())
            func number<T: LosslessStringConvertible>(_ index: Int, _ what: String, default value: T?) throws(CodecError) -> T {
                guard index < arguments.count else {
                    guard let value else { throw .invalidSpecification(specification, reason: "'\(name)' needs \(what)") }
                    return value
                }
                guard let parsed = T(arguments[index]) else {
                    throw .invalidSpecification(specification, reason: "\(what) of '\(name)' is '\(arguments[index])', not a number")
                }
                return parsed
            }
            func arity(_ maximum: Int) throws(CodecError) {
                guard arguments.count <= maximum else {
                    throw .invalidSpecification(specification, reason: "'\(name)' takes at most \(maximum) parameter\(maximum == 1 ? "" : "s")")
                }
            }
            switch name {
            case "topk", "randk", "threshold":
                guard i == 0, sparsifier == nil else {
                    throw .invalidSpecification(specification, reason: "a sparsifier ('\(name)') must come first")
                }
                try arity(1)
                switch name {
                case "topk": sparsifier = .topK(fraction: try number(0, "a fraction", default: nil as Double?))
                case "randk": sparsifier = .randomK(fraction: try number(0, "a fraction", default: nil as Double?))
                default: sparsifier = .threshold(try number(0, "a threshold", default: nil as Float?))
                }
            case "f32", "f16", "bf16", "u8", "qsgd", "sign":
                guard i == parts.count - 1 else {
                    throw .invalidSpecification(specification, reason: "a quantizer ('\(name)') must come last")
                }
                switch name {
                case "f32": try arity(0); quantizer = .float32
                case "f16": try arity(0); quantizer = .float16
                case "bf16": try arity(0); quantizer = .bfloat16
                case "u8":
                    try arity(1)
                    quantizer = .blockwise8(blockSize: try number(0, "a block size", default: ValueQuantizer.defaultBlockSize))
                case "qsgd":
                    try arity(2)
                    quantizer = .qsgd(bits: try number(0, "a bit count", default: nil as Int?),
                                      bucketSize: try number(1, "a bucket size", default: ValueQuantizer.defaultBucketSize))
                default:
                    try arity(1)
                    quantizer = .sign(blockSize: try number(0, "a block size", default: ValueQuantizer.defaultSignBlockSize))
                }
            default:
                throw .invalidSpecification(specification, reason: "unknown stage '\(name)' (quantizers: f32, f16, bf16, u8, qsgd, sign; sparsifiers: topk, randk, threshold)")
            }
        }
        if quantizer == nil, sparsifier == nil {
            throw .invalidSpecification(specification, reason: "no stage")
        }
        try self.init(sparsifier: sparsifier, quantizer: quantizer ?? .float32)
    }
}
