import SwiftletFederated

extension FleetContentMapping {
    /// The config with `server-round` first, then Swiftlet's entries by key.
    static func config(_ config: ConfigRecord, round: Int) -> FleetConfigRecord {
        var record = FleetConfigRecord([(FleetContentKeys.serverRound, .value(.int(Int64(round))))])
        for key in config.sortedKeys where key != FleetContentKeys.serverRound {
            record.items.append((key, .value(config.entries[key]!)))
        }
        return record
    }

    /// The metrics with `num-examples` first, then Swiftlet's entries by key.
    static func metrics(_ metrics: MetricRecord, examples: Int) -> FleetMetricRecord {
        var record = FleetMetricRecord([(FleetContentKeys.numExamples, .value(.int(Int64(examples))))])
        for key in metrics.sortedKeys where key != FleetContentKeys.numExamples {
            record.items.append((key, .value(metrics.entries[key]!)))
        }
        return record
    }

    static func addAuxiliary(_ auxiliary: [String: ArrayRecord], to content: inout RecordDict,
                             encoding: ArrayEncoding) throws(MappingError) {
        for name in auxiliary.keys.sorted() {
            content[FleetContentKeys.auxiliaryPrefix + name] = .arrays(try FleetArrayRecord(auxiliary[name]!, encoding: encoding))
        }
    }

    static func auxiliary(_ content: RecordDict) throws(MappingError) -> [String: ArrayRecord] {
        var result: [String: ArrayRecord] = [:]
        for (key, record) in content.items where key.hasPrefix(FleetContentKeys.auxiliaryPrefix) {
            guard case .arrays(let arrays) = record else { throw .missingRecord(key, expected: "array record") }
            result[String(key.dropFirst(FleetContentKeys.auxiliaryPrefix.count))] = try arrays.swiftletRecord(recordName: key)
        }
        return result
    }

    static func arrays(_ content: RecordDict, expected: [ArraySpec]?) throws(MappingError) -> ArrayRecord {
        guard case .arrays(let record)? = content[FleetContentKeys.arrays] else {
            throw .missingRecord(FleetContentKeys.arrays, expected: "array record")
        }
        return try record.swiftletRecord(expected: expected)
    }

    /// A non-negative integer from an int, uint or integral double entry.
    static func count(_ value: FleetMetricValue?, record: String, key: String) throws(MappingError) -> Int {
        guard let value else { throw .missingEntry(record: record, key: key) }
        let number: Int?
        switch value {
        case .value(.int(let v)): number = Int(exactly: v)
        case .value(.double(let v)): number = v.isFinite ? Int(exactly: v) : nil
        case .uint(let v): number = Int(exactly: v)
        default: number = nil
        }
        guard let number, number >= 0 else { throw .invalidEntry(record: record, key: key, reason: "expected a non-negative integer") }
        return number
    }

    static func roundAndConfig(_ content: RecordDict) throws(MappingError) -> (Int, ConfigRecord) {
        guard case .config(let record)? = content[FleetContentKeys.config] else {
            throw .missingRecord(FleetContentKeys.config, expected: "config record")
        }
        guard let roundValue = record[FleetContentKeys.serverRound] else {
            throw .missingEntry(record: FleetContentKeys.config, key: FleetContentKeys.serverRound)
        }
        let round: Int
        switch roundValue {
        case .value(.int(let v)) where v >= 0 && v <= Int64(Int32.max): round = Int(v)
        default: throw .invalidEntry(record: FleetContentKeys.config, key: FleetContentKeys.serverRound, reason: "expected a non-negative integer")
        }
        var rest = record
        rest.items.removeAll { $0.key == FleetContentKeys.serverRound }
        do { return (round, try rest.configRecord()) } catch {
            throw .invalidEntry(record: FleetContentKeys.config, key: "", reason: "\(error)")
        }
    }

    static func examplesAndMetrics(_ content: RecordDict) throws(MappingError) -> (Int, MetricRecord) {
        guard case .metrics(let record)? = content[FleetContentKeys.metrics] else {
            throw .missingRecord(FleetContentKeys.metrics, expected: "metric record")
        }
        let examples = try count(record[FleetContentKeys.numExamples], record: FleetContentKeys.metrics, key: FleetContentKeys.numExamples)
        var rest = record
        rest.items.removeAll { $0.key == FleetContentKeys.numExamples }
        do { return (examples, try rest.metricRecord()) } catch {
            throw .invalidEntry(record: FleetContentKeys.metrics, key: "", reason: "\(error)")
        }
    }
}
