import Foundation
import Testing
@testable import SwiftletSimulation

/// `rounds.jsonl`: aggregates at the top level, optional device detail, and reading it back.
@Suite struct SimulationHistoryJSONLinesTests {
    let history = OutputTestRecords.all

    @Test func detailedLinesRoundTripExactly() throws {
        let text = history.jsonLines(deviceDetail: true)
        #expect(text.split(separator: "\n").count == 4)
        #expect(try SimulationHistory(jsonLines: text) == history)
    }

    @Test func crlfLinesReadTheSame() throws {
        let text = history.jsonLines(deviceDetail: true).replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try SimulationHistory(jsonLines: text) == history)
    }

    @Test func linesWithoutDetailKeepTheAggregatesButNoDevices() throws {
        let text = history.jsonLines(deviceDetail: false)
        #expect(!text.contains("\"devices\""))
        let read = try SimulationHistory(jsonLines: text)
        #expect(read.aggregates == history.aggregates)
        #expect(read.records.map(\.round) == history.records.map(\.round))
        #expect(read.records.allSatisfy { $0.devices.isEmpty })
        #expect(read.csv() == history.csv())
    }

    @Test func aggregatesAreTopLevelKeysInSortedOrder() {
        let line = SimulationHistory(records: [OutputTestRecords.r1]).jsonLines(deviceDetail: false)
        // R1 by hand: 2000 bytes down, 500 up, 3000 on air; 3 J computation, 2.5 J radio.
        #expect(line.hasPrefix("{\"bytesOnAir\":3000,\"communicationEnergy\":2.5,\"computeEnergy\":3,\"downloadBytes\":2000,"
            + "\"outcomes\":{\"accepted\":1,\"battery-depleted\":0,\"failed\":0,\"offline\":1,\"rejected\":0,\"straggler\":1},"
            + "\"round\":{"))
        #expect(line.hasSuffix(",\"sampled\":3,\"simulatedDuration\":100,\"simulatedEnd\":100,\"simulatedStart\":0,"
            + "\"testAccuracy\":0.75,\"testLoss\":0.75,\"totalEnergy\":5.5,\"trainLoss\":1.5,\"uploadBytes\":500}\n"))
    }

    @Test func unmeasuredValuesAreLeftOut() {
        let line = SimulationHistory(records: [OutputTestRecords.r2]).jsonLines(deviceDetail: false)
        #expect(!line.contains("testAccuracy") && !line.contains("testLoss") && !line.contains("trainLoss"))
    }

    @Test func infiniteLossRoundTripsAsAString() throws {
        var record = OutputTestRecords.r1
        record.round.centralEvaluation?.loss = .infinity
        let text = SimulationHistory(records: [record]).jsonLines(deviceDetail: true)
        #expect(text.contains("\"testLoss\":\"inf\""))
        #expect(try SimulationHistory(jsonLines: text).aggregates[0].testLoss == .infinity)
    }

    @Test func blankLinesAreIgnored() throws {
        let text = "\n" + history.jsonLines(deviceDetail: false) + "\n\n"
        #expect(try SimulationHistory(jsonLines: text).records.count == 4)
    }

    @Test func malformedLineIsNamedByNumber() {
        let lines = history.jsonLines(deviceDetail: false).split(separator: "\n")
        let text = lines[0] + "\n" + lines[1].replacingOccurrences(of: "\"round\":{", with: "\"rond\":{") + "\n"
        #expect(throws: SimulationOutputError.malformedLine(line: 2, reason: "missing key \"round\"")) {
            try SimulationHistory(jsonLines: text)
        }
    }

    @Test func appendingComputesTheRecordsAggregates() {
        var built = SimulationHistory()
        for record in history.records { built.append(record) }
        #expect(built == history)
        #expect(built.aggregates[1].count(.straggler) == 1)
    }
}
