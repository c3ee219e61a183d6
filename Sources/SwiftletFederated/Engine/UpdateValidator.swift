import SwiftletTensor

/// Checks a node's result before it may touch the global model, and turns it into a ``ClientUpdate``.
///
/// A pure function of the result, the global model and the limits: the round engine calls it on every
/// result, so a malformed update — wrong length or shape, NaN or infinity, an absurd example count, an
/// unknown or corrupt encoding — is refused with a ``RejectionReason`` and never reaches an aggregator.
public struct UpdateValidator: Sendable {
    /// The codecs encoded payloads may use.
    public var codecs: CodecRegistry
    /// The largest example count a single result may claim.
    public var maxExampleCount: Int

    /// Creates a validator.
    public init(codecs: CodecRegistry = .standard, maxExampleCount: Int = 100_000_000) {
        self.codecs = codecs
        self.maxExampleCount = maxExampleCount
    }

    /// Validates `result` from `node` against `global`, the parameters the node was sent.
    public func validate(_ result: FitResult, from node: NodeID, global: ArrayRecord) -> Result<ClientUpdate, RejectionReason> {
        guard result.exampleCount > 0 else { return .failure(.nonPositiveExampleCount(result.exampleCount)) }
        guard result.exampleCount <= maxExampleCount else {
            return .failure(.absurdExampleCount(result.exampleCount, limit: maxExampleCount))
        }
        let values: [Float]
        switch result.payload {
        case .arrays(let record):
            if let reason = Self.layoutMismatch(record.specs, global.specs) { return .failure(reason) }
            values = record.values
        case .encoded(let encoded):
            do {
                var decoded = try codecs.decode(encoded, count: global.count)
                guard decoded.count == global.count else {
                    return .failure(.wrongLength(expected: global.count, actual: decoded.count))
                }
                if encoded.isDelta {
                    global.values.withUnsafeBufferPointer { g in
                        decoded.withUnsafeMutableBufferPointer { d in
                            Kernels.axpy(d.count, 1, g.baseAddress!, d.baseAddress!)
                        }
                    }
                }
                values = decoded
            } catch {
                if case .unknownCodec(let name) = error { return .failure(.unknownEncoding(name)) }
                return .failure(.malformedEncoding(error.description))
            }
        }
        if let index = Self.firstNonFinite(values) {
            let (array, offset) = Self.locate(index, in: global.specs)
            return .failure(.nonFinite(array: array, index: offset))
        }
        var auxiliary: [String: [Float]] = [:]
        // In key order, so the reason recorded for a result with several bad arrays is the same in every run.
        for (key, record) in result.auxiliary.sorted(by: { $0.key < $1.key }) {
            if let index = Self.firstNonFinite(record.values) {
                return .failure(.nonFiniteAuxiliary(key: key, index: index))
            }
            auxiliary[key] = record.values
        }
        return .success(ClientUpdate(node: node, parameters: values, exampleCount: result.exampleCount,
                                     metrics: result.metrics, auxiliary: auxiliary))
    }

    /// Validates an evaluation result.
    public func validate(_ result: EvaluateResult) -> RejectionReason? {
        guard result.exampleCount > 0 else { return .nonPositiveExampleCount(result.exampleCount) }
        guard result.exampleCount <= maxExampleCount else { return .absurdExampleCount(result.exampleCount, limit: maxExampleCount) }
        guard result.loss.isFinite else { return .nonFiniteLoss }
        return nil
    }

    /// Why `actual` does not match `expected`, or `nil` when it does.
    static func layoutMismatch(_ actual: [ArraySpec], _ expected: [ArraySpec]) -> RejectionReason? {
        let actualCount = actual.reduce(0) { $0 + $1.count }
        let expectedCount = expected.reduce(0) { $0 + $1.count }
        if actualCount != expectedCount { return .wrongLength(expected: expectedCount, actual: actualCount) }
        if actual.count == expected.count {
            for (a, e) in zip(actual, expected) where a != e {
                if a.name != e.name { return .wrongArrays(expected: expected.map(\.name), actual: actual.map(\.name)) }
                return .wrongShape(array: e.name, expected: e.shape, actual: a.shape)
            }
            return nil
        }
        return .wrongArrays(expected: expected.map(\.name), actual: actual.map(\.name))
    }

    static func firstNonFinite(_ values: [Float]) -> Int? {
        let finite = values.withUnsafeBufferPointer { v in
            v.isEmpty || Kernels.allFinite(v.baseAddress!, count: v.count)
        }
        return finite ? nil : values.firstIndex { !$0.isFinite }
    }

    static func locate(_ index: Int, in specs: [ArraySpec]) -> (String, Int) {
        var offset = index
        for spec in specs {
            if offset < spec.count { return (spec.name, offset) }
            offset -= spec.count
        }
        return ("?", index)
    }
}
