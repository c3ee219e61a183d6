import SwiftletFederated

/// Converts Swiftlet's engine messages to message content and back, the same for Swiftlet peers and Flower.
///
/// Train and evaluate instructions are `{"arrays": ArrayRecord, "config": ConfigRecord}` with the round as
/// `"server-round"` in the config (what Flower's FedAvg sends). A train reply is `{"arrays", "metrics"}` with
/// `"num-examples"` in the metrics; an evaluate reply is `{"metrics"}` with `"num-examples"` and `"loss"`.
/// Auxiliary arrays travel as extra array records named ``FleetContentKeys/auxiliaryPrefix`` + name.
public enum FleetContentMapping {
    /// Content for a train instruction.
    public static func content(_ instruction: FitInstruction, encoding: ArrayEncoding) throws(MappingError) -> RecordDict {
        var content = RecordDict()
        content[FleetContentKeys.arrays] = .arrays(try FleetArrayRecord(instruction.parameters, encoding: encoding))
        content[FleetContentKeys.config] = .config(config(instruction.config, round: instruction.round))
        try addAuxiliary(instruction.auxiliary, to: &content, encoding: encoding)
        return content
    }

    /// The names of an instruction's arrays, in order (empty when it carries no array record), or `nil` when
    /// they arrived packed or codec-encoded: then the sender is a Swiftlet peer, which reads a reply's names
    /// from the model.
    public static func arrayKeys(_ content: RecordDict) -> [String]? {
        guard case .arrays(let record)? = content[FleetContentKeys.arrays] else { return [] }
        if record.items.count == 1, record.items[0].value.stype == PackedArrays.stype
            || record.items[0].value.stype.hasPrefix(ArrayEncoding.codecStypePrefix) { return nil }
        return record.keys
    }

    /// A train instruction from content; arrays are checked against `expected` when given.
    public static func fitInstruction(_ content: RecordDict, expected: [ArraySpec]? = nil) throws(MappingError) -> FitInstruction {
        let (round, config) = try roundAndConfig(content)
        return FitInstruction(round: round, parameters: try arrays(content, expected: expected), config: config,
                              auxiliary: try auxiliary(content))
    }

    /// A train instruction from content whose model arrived another way (a compressed downlink the node
    /// applied to the model it holds, ``DownlinkInstruction``): the round, config and auxiliary arrays come
    /// from `content`, the parameters are `parameters`.
    public static func fitInstruction(_ content: RecordDict, parameters: ArrayRecord) throws(MappingError) -> FitInstruction {
        let (round, config) = try roundAndConfig(content)
        return FitInstruction(round: round, parameters: parameters, config: config, auxiliary: try auxiliary(content))
    }

    /// Content for an evaluate instruction.
    public static func content(_ instruction: EvaluateInstruction, encoding: ArrayEncoding) throws(MappingError) -> RecordDict {
        RecordDict([
            (FleetContentKeys.arrays, .arrays(try FleetArrayRecord(instruction.parameters, encoding: encoding))),
            (FleetContentKeys.config, .config(config(instruction.config, round: instruction.round))),
        ])
    }

    /// An evaluate instruction from content.
    public static func evaluateInstruction(_ content: RecordDict, expected: [ArraySpec]? = nil) throws(MappingError) -> EvaluateInstruction {
        let (round, config) = try roundAndConfig(content)
        return EvaluateInstruction(round: round, parameters: try arrays(content, expected: expected), config: config)
    }

    /// Content for a train reply; a codec payload travels as one byte array under its codec's stype.
    ///
    /// With `arrayKeys` (the instruction's array names, in order) the trained arrays are named by them
    /// instead of by the model's parameter names, as Flower's strategies require of every reply.
    public static func content(_ result: FitResult, encoding: ArrayEncoding,
                               arrayKeys: [String]? = nil) throws(MappingError) -> RecordDict {
        var content = RecordDict()
        switch result.payload {
        case .arrays(let record):
            if let arrayKeys {
                content[FleetContentKeys.arrays] = .arrays(try FleetArrayRecord(record, keys: arrayKeys, encoding: encoding))
            } else {
                content[FleetContentKeys.arrays] = .arrays(try FleetArrayRecord(record, encoding: encoding))
            }
        case .encoded(let encoded):
            let array = FleetArray(dtype: "uint8", shape: [encoded.bytes.count],
                                   stype: ArrayEncoding.codecStypePrefix + encoded.codec, data: encoded.bytes)
            content[FleetContentKeys.arrays] = .arrays(FleetArrayRecord([(FleetContentKeys.encodedArray, array)]))
            content[FleetContentKeys.payload] = .config(FleetConfigRecord([(FleetContentKeys.payloadDelta, .value(.bool(encoded.isDelta)))]))
        }
        content[FleetContentKeys.metrics] = .metrics(metrics(result.metrics, examples: result.exampleCount))
        try addAuxiliary(result.auxiliary, to: &content, encoding: encoding)
        return content
    }

    /// A train reply from content.
    public static func fitResult(_ content: RecordDict, expected: [ArraySpec]? = nil) throws(MappingError) -> FitResult {
        let (examples, metrics) = try examplesAndMetrics(content)
        let payload: UpdatePayload
        if case .arrays(let record)? = content[FleetContentKeys.arrays], record.items.count == 1,
           let array = record[FleetContentKeys.encodedArray], array.stype.hasPrefix(ArrayEncoding.codecStypePrefix) {
            let codec = String(array.stype.dropFirst(ArrayEncoding.codecStypePrefix.count))
            guard !codec.isEmpty else { throw .unsupportedSType(index: 0, key: FleetContentKeys.encodedArray, stype: array.stype) }
            var delta = false
            if case .config(let payloadRecord)? = content[FleetContentKeys.payload],
               case .value(.bool(let flag))? = payloadRecord[FleetContentKeys.payloadDelta] {
                delta = flag
            }
            payload = .encoded(EncodedArrays(codec: codec, bytes: array.data, isDelta: delta))
        } else {
            payload = .arrays(try arrays(content, expected: expected))
        }
        return FitResult(payload: payload, exampleCount: examples, metrics: metrics, auxiliary: try auxiliary(content))
    }

    /// Content for an evaluate reply: metrics with `num-examples` and `loss` first, then the rest by key.
    public static func content(_ result: EvaluateResult) -> RecordDict {
        var record = FleetMetricRecord([(FleetContentKeys.numExamples, .value(.int(Int64(result.exampleCount)))),
                                        (MetricKey.loss, .value(.double(result.loss)))])
        for key in result.metrics.sortedKeys where key != MetricKey.loss && key != FleetContentKeys.numExamples {
            record.items.append((key, .value(result.metrics.entries[key]!)))
        }
        return RecordDict([(FleetContentKeys.metrics, .metrics(record))])
    }

    /// An evaluate reply from content; the loss is `loss`, or Flower's `eval_loss` when `loss` is absent.
    public static func evaluateResult(_ content: RecordDict) throws(MappingError) -> EvaluateResult {
        let (examples, metrics) = try examplesAndMetrics(content)
        let lossKey = metrics[MetricKey.loss] != nil ? MetricKey.loss : FleetContentKeys.flowerEvalLoss
        guard let value = metrics[lossKey] else { throw .missingEntry(record: FleetContentKeys.metrics, key: MetricKey.loss) }
        guard let loss = value.scalar, loss.isFinite else {
            throw .invalidEntry(record: FleetContentKeys.metrics, key: lossKey, reason: "expected a finite number, found \(value)")
        }
        var rest = metrics
        rest[MetricKey.loss] = nil
        return EvaluateResult(loss: loss, exampleCount: examples, metrics: rest)
    }
}
