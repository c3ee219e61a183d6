import Foundation
import Testing
@testable import SwiftletFederated

/// The history of a real run — initial evaluation, rejections, failures, federated and central evaluation —
/// exported as JSON Lines and CSV.
@Suite struct HistoryExportIntegrationTests {
    typealias Problem = FederatedProblem

    /// Three rounds over eight honest nodes, one that sends NaN and one that fails every even round.
    static func history() async throws -> History {
        let clients = Problem.honest(1...8)
            + [(9, TamperingClient(inner: Problem.client(node: 9), tampering: .nan(index: 0))),
               (10, FlakyClient(inner: Problem.client(node: 10)))]
        let result = try await Problem.run(FedAvg(options: Problem.options(minimum: 5)), rounds: 3, clients: clients,
                                           config: Problem.config(rounds: 3, evaluateEvery: 1))
        #expect(result.history.records.count == 4)
        return result.history
    }

    @Test func jsonLinesHasOneObjectPerRecordAndParsesBackEqual() async throws {
        let history = try await Self.history()
        let text = history.jsonLines()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == history.records.count + 1)
        #expect(lines.last == "")
        for (line, record) in zip(lines, history.records) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["round"] as? Int == record.round)
        }
        #expect(try History(jsonLines: text) == history)
    }

    // JSON cannot tell `3` from `3.0`: `MetricValue` compares by numeric value so that a history whose
    // aggregated metric happens to be integral still reads back equal. Equal shards make that happen in any
    // real run: every client reports the same `steps`, and their weighted mean is the double 3.0.
    @Test func jsonLinesRoundTripKeepsIntegralDoubleMetrics() async throws {
        let clients: [(NodeID, any Client)] = try (1...4).map { node in
            (NodeID(UInt64(node)), try ModelClient(model: Problem.model(seed: UInt64(100 + node)),
                                                   training: Problem.shard(node: node).prefix(40), seed: UInt64(node)))
        }
        let result = try await Problem.run(FedAvg(options: Problem.options()), rounds: 1, clients: clients)
        #expect(result.history.records[1].fitMetrics[MetricKey.steps] == .double(3))
        #expect(try History(jsonLines: result.history.jsonLines()) == result.history)
    }

    @Test func csvHasTheMetricColumnsAndOneRowPerRecord() async throws {
        let history = try await Self.history()
        let lines = history.csv().split(separator: "\n").map(String.init)
        #expect(lines.count == history.records.count + 1)
        let header = lines[0].split(separator: ",").map(String.init)
        for column in ["round", "status", "rejected", "failed", "fit_loss", "fit_accuracy", "federated_loss",
                       "federated_accuracy", "central_loss", "central_accuracy"] {
            #expect(header.contains(column), "missing column \(column)")
        }
        let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.allSatisfy { $0.count == header.count })
        func cell(_ row: [String], _ column: String) -> String { row[header.firstIndex(of: column)!] }
        #expect(rows.map { cell($0, "round") } == ["0", "1", "2", "3"])
        #expect(rows.map { cell($0, "rejected") } == ["0", "1", "1", "1"])
        #expect(rows.map { cell($0, "failed") } == ["0", "0", "1", "0"])
        for (row, record) in zip(rows, history.records) {
            let central = try #require(record.centralEvaluation?.metrics.scalar(MetricKey.accuracy))
            #expect(Double(cell(row, "central_accuracy")) == central)
        }
        #expect(cell(rows[0], "fit_loss").isEmpty)
        #expect(Double(cell(rows[3], "fit_loss")) == history.records[3].fitMetrics.scalar(MetricKey.loss))
    }
}
