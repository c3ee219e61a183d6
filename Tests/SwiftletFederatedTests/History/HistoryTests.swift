import Testing
import SwiftletFederated

@Suite struct HistoryTests {
    /// Written by hand from the records: keys sorted, nil fields left out, non-finite numbers as strings.
    static let expectedJSONLines = """
        {"accepted":[1,2],"aggregatedInSamplingOrder":true,"attempt":1,"duration":2.5,"evaluationFailures":[],"exampleCount":30,"failed":[],\
        "federatedEvaluation":{"loss":0.25,"metrics":{"accuracy":0.75}},"fitMetrics":{"loss":0.5},"late":[],\
        "rejected":[{"kind":"rejected","node":3,"reason":"non-finite value in 'fc.bias' at index 1"}],\
        "round":1,"sampled":[1,2,3],"startTime":0,"status":"completed","timedOut":[]}
        {"accepted":[1],"aggregatedInSamplingOrder":true,"attempt":2,"centralEvaluation":{"loss":"inf","metrics":{}},"duration":60,\
        "evaluationFailure":"federated evaluation: 0 results, 2 required","evaluationFailures":[],"exampleCount":10,\
        "failed":[{"kind":"failed","node":2,"reason":"connection reset"}],\
        "failureReason":"1 results accepted, 2 required","fitMetrics":{},"late":[4],"rejected":[],"round":2,\
        "sampled":[1,2,4],"startTime":2.5,"status":"failed","timedOut":[4]}

        """

    @Test func jsonLinesWritesOneSortedObjectPerRecord() {
        #expect(HistoryTestData.history.jsonLines() == Self.expectedJSONLines)
    }

    @Test func jsonLinesRoundTrip() throws {
        let history = HistoryTestData.history
        #expect(try History(jsonLines: history.jsonLines()) == history)
    }

    @Test func jsonLinesWithCRLFLineEndingsRead() throws {
        let text = HistoryTestData.history.jsonLines().split(separator: "\n").joined(separator: "\r\n") + "\r\n"
        #expect(try History(jsonLines: text) == HistoryTestData.history)
    }

    @Test func blankLinesAreSkipped() throws {
        let text = "\n" + HistoryTestData.history.jsonLines() + "\n\n"
        #expect(try History(jsonLines: text).records.count == 2)
    }

    @Test func integralMetricsRoundTrip() throws {
        var record = RoundRecord(round: 1)
        record.fitMetrics = ["accuracy": 1.0]
        let history = History(records: [record])
        #expect(try History(jsonLines: history.jsonLines()) == history)
    }

    @Test func nanIsWrittenAsAStringAndReadBack() throws {
        var record = RoundRecord(round: 1)
        record.fitMetrics = ["loss": .double(.nan)]
        let text = History(records: [record]).jsonLines()
        #expect(text.contains(#""fitMetrics":{"loss":"nan"}"#))
        let loss = try History(jsonLines: text).records[0].fitMetrics.scalar("loss")
        #expect(loss?.isNaN == true)
    }

    @Test func malformedLineThrows() {
        let text = HistoryTestData.history.jsonLines() + "{\"round\": 3\n"
        #expect(throws: (any Error).self) { try History(jsonLines: text) }
    }

    @Test func lineMissingARequiredKeyThrows() {
        #expect(throws: (any Error).self) { try History(jsonLines: #"{"round":1}"#) }
    }

    @Test func emptyTextIsAnEmptyHistory() throws {
        #expect(try History(jsonLines: "").records.isEmpty)
    }

    @Test func completedRoundsCountOnlyCompletedTrainingRounds() {
        var history = HistoryTestData.history
        history.records.insert(RoundRecord(round: 0), at: 0)
        #expect(history.completedRounds == 1)
    }

    @Test func lastEvaluationsAreTheLatestOfEachKind() {
        let history = HistoryTestData.history
        #expect(history.lastFederatedEvaluation == Evaluation(loss: 0.25, metrics: ["accuracy": 0.75]))
        #expect(history.lastCentralEvaluation == Evaluation(loss: .infinity))
    }
}
