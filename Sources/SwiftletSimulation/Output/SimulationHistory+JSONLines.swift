import Foundation
import SwiftletFederated

extension SimulationHistory {
    /// One JSON object per round, one per line, keys sorted — for `jq` and pandas' `read_json(lines=True)`.
    ///
    /// Each object holds the engine's record under `round`, the round's ``SimulationRoundAggregates``
    /// as top-level keys (`simulatedEnd`, `outcomes`, `uploadBytes`, `computeEnergy`, `testAccuracy`, …;
    /// measurements a round did not make are left out), and with `deviceDetail` every sampled device's
    /// record under `devices`. Non-finite numbers are written as the strings `"nan"`, `"inf"` and `"-inf"`,
    /// as ``SwiftletFederated/History/jsonLines()`` writes them.
    public func jsonLines(deviceDetail: Bool) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return rounds.map { record, aggregates in
            let line = RoundLine(round: record.round, devices: deviceDetail ? record.devices : nil, aggregates: aggregates)
            // Plain value types with string fallbacks for non-finite floats always encode.
            return String(decoding: try! encoder.encode(line), as: UTF8.self) + "\n"
        }.joined()
    }

    /// Reads a history written by ``jsonLines(deviceDetail:)``; LF and CRLF line ends, blank lines ignored.
    ///
    /// - Throws: ``SimulationOutputError/malformedLine(line:reason:)`` naming the first bad line.
    public init(jsonLines text: String) throws(SimulationOutputError) {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var records: [SimulationRecord] = []
        var aggregates: [SimulationRoundAggregates] = []
        // `\r\n` is one Character in Swift, so splitting lines on "\n" alone would not split CRLF files.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (index, line) in lines.enumerated() where !line.allSatisfy(\.isWhitespace) {
            do {
                let decoded = try decoder.decode(RoundLine.self, from: Data(line.utf8))
                records.append(SimulationRecord(round: decoded.round, devices: decoded.devices ?? []))
                aggregates.append(decoded.aggregates)
            } catch {
                throw .malformedLine(line: index + 1, reason: Self.describe(error))
            }
        }
        self.init(records: records, aggregates: aggregates)
    }

    /// A decoding error as "key path: problem".
    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        let (context, problem): (DecodingError.Context, String) = switch error {
        case .keyNotFound(let key, let c): (c, "missing key \"\(key.stringValue)\"")
        case .typeMismatch(_, let c): (c, c.debugDescription)
        case .valueNotFound(_, let c): (c, c.debugDescription)
        case .dataCorrupted(let c): (c, c.debugDescription)
        @unknown default: (DecodingError.Context(codingPath: [], debugDescription: ""), "\(error)")
        }
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        return path.isEmpty ? problem : "\(path): \(problem)"
    }
}

/// One line of `rounds.jsonl`: the aggregates' keys at the top level beside `round` and `devices`.
private struct RoundLine: Codable {
    var round: RoundRecord
    var devices: [DeviceRoundRecord]?
    var aggregates: SimulationRoundAggregates

    enum CodingKeys: String, CodingKey { case round, devices }

    init(round: RoundRecord, devices: [DeviceRoundRecord]?, aggregates: SimulationRoundAggregates) {
        self.round = round
        self.devices = devices
        self.aggregates = aggregates
    }

    func encode(to encoder: any Encoder) throws {
        // The aggregates and these two keys share one JSON object.
        try aggregates.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(round, forKey: .round)
        try container.encodeIfPresent(devices, forKey: .devices)
    }

    init(from decoder: any Decoder) throws {
        aggregates = try SimulationRoundAggregates(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        round = try container.decode(RoundRecord.self, forKey: .round)
        devices = try container.decodeIfPresent([DeviceRoundRecord].self, forKey: .devices)
    }
}
