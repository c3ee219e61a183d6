import Foundation

/// Every round of a run, in order, exportable as JSON Lines and CSV.
///
/// Failed attempts that were retried appear as their own records (same round, lower attempt). Late results
/// are added to the record of the round they belonged to when they arrive.
public struct History: Sendable, Equatable, Codable {
    /// The records, in the order the rounds ran.
    public var records: [RoundRecord]

    /// An empty history.
    public init(records: [RoundRecord] = []) {
        self.records = records
    }

    /// The completed training rounds.
    public var completedRounds: Int { records.filter { $0.round > 0 && $0.status == .completed }.count }

    /// The last central evaluation, if any.
    public var lastCentralEvaluation: Evaluation? { records.last { $0.centralEvaluation != nil }?.centralEvaluation }

    /// The last federated evaluation, if any.
    public var lastFederatedEvaluation: Evaluation? { records.last { $0.federatedEvaluation != nil }?.federatedEvaluation }

    /// One JSON object per record, one per line, keys sorted — for `jq`, pandas' `read_json(lines=True)`, logs.
    public func jsonLines() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return records.map { record in
            // Encoding plain value types with string fallbacks for non-finite floats cannot fail.
            String(decoding: try! encoder.encode(record), as: UTF8.self) + "\n"
        }.joined()
    }

    /// Reads records written by ``jsonLines()``.
    ///
    /// - Throws: `DecodingError` naming the first malformed line's problem.
    public init(jsonLines text: String) throws {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        // `\r\n` is one Character in Swift, so splitting on "\n" alone would leave CRLF files as one line.
        records = try text.split(whereSeparator: \.isNewline).map {
            try decoder.decode(RoundRecord.self, from: Data($0.utf8))
        }
    }
}
