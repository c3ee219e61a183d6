import Testing
@testable import SwiftletSimulation

/// The per-round CSV: exact text, empty cells for what was not measured, RFC 4180 quoting.
@Suite struct SimulationHistoryCSVTests {
    @Test func twoRoundHistoryIsExactlyTheExpectedText() {
        let history = SimulationHistory(records: [OutputTestRecords.r1, OutputTestRecords.r2])
        // R1: on air 1600 + 1100 + 300; computation 2 + 1 + 0; radio 1.5 + 0.75 + 0.25.
        // R2: on air 1600 + 1000; computation 2 + 0.5; radio 1.5 + 0.5; nothing measured.
        #expect(history.csv() == """
            round,attempt,status,sim_start_s,sim_duration_s,sim_end_s,sampled,accepted,rejected,stragglers,offline,battery_depleted,failed,train_loss,test_loss,test_accuracy,download_bytes,upload_bytes,bytes_on_air,compute_j,radio_j,total_j
            1,1,completed,0.0,100.0,100.0,3,1,0,1,1,0,0,1.5,0.75,0.75,2000,500,3000.0,3.0,2.5,5.5
            2,1,failed,100.0,50.0,150.0,2,0,1,0,0,1,0,,,,2000,500,2600.0,2.5,2.0,4.5

            """)
    }

    @Test func emptyHistoryIsTheHeaderAlone() {
        #expect(SimulationHistory().csv() == SimulationHistory.csvColumns.joined(separator: ",") + "\n")
    }

    @Test func nonFiniteNumbersAreWrittenAsWords() {
        #expect(SimulationHistory.number(.nan) == "nan")
        #expect(SimulationHistory.number(.infinity) == "inf")
        #expect(SimulationHistory.number(-.infinity) == "-inf")
    }

    @Test func fieldsWithCommasQuotesOrLineBreaksAreQuoted() {
        #expect(SimulationHistory.csvField("plain") == "plain")
        #expect(SimulationHistory.csvField("a,b") == "\"a,b\"")
        #expect(SimulationHistory.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(SimulationHistory.csvField("two\r\nlines") == "\"two\r\nlines\"")
    }
}
