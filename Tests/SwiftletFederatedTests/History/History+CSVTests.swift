import Testing
import SwiftletFederated

@Suite struct HistoryCSVTests {
    static let header = "round,attempt,status,start_s,duration_s,sampled,accepted,rejected,failed,timed_out,late,examples"

    @Test func csvHasFixedColumnsThenEveryMetricSeenAndBlanksWhereUnmeasured() {
        // fit_loss only in round 1, federated evaluation only in round 1, central only in round 2.
        let expected = """
            \(Self.header),fit_loss,federated_loss,federated_accuracy,central_loss
            1,1,completed,0.0,2.5,3,2,1,0,0,0,30,0.5,0.25,0.75,
            2,2,failed,2.5,60.0,3,1,0,1,1,1,10,,,,inf

            """
        #expect(HistoryTestData.history.csv() == expected)
    }

    @Test func metricsOfEachGroupAreSortedByName() {
        var record = RoundRecord(round: 1)
        record.fitMetrics = ["zeta": 1, "alpha": 2]
        #expect(History(records: [record]).csv().hasPrefix("\(Self.header),fit_alpha,fit_zeta,"))
    }

    @Test func metricNameWithACommaIsQuoted() {
        var record = RoundRecord(round: 1)
        record.fitMetrics = ["a,b": 1]
        let expected = """
            \(Self.header),"fit_a,b",federated_loss,central_loss
            1,1,completed,0.0,0.0,0,0,0,0,0,0,0,1,,

            """
        #expect(History(records: [record]).csv() == expected)
    }

    @Test func metricNameWithAQuoteIsQuotedAndTheQuoteDoubled() {
        var record = RoundRecord(round: 1)
        record.fitMetrics = [#"say "hi""#: 1]
        #expect(History(records: [record]).csv().contains(#","fit_say ""hi""","#))
    }

    @Test func metricNameWithALineBreakIsQuoted() {
        var record = RoundRecord(round: 1)
        record.fitMetrics = ["a\r\nb": 1, "c\nd": 2]
        let csv = History(records: [record]).csv()
        #expect(csv.contains("\"fit_a\r\nb\""))
        #expect(csv.contains("\"fit_c\nd\""))
    }

    @Test func nonFiniteValuesAreWrittenAsNanAndInf() {
        var record = RoundRecord(round: 1)
        record.fitMetrics = ["a": .double(.nan), "b": .double(.infinity), "c": .double(-.infinity)]
        record.centralEvaluation = Evaluation(loss: .nan)
        let expected = """
            \(Self.header),fit_a,fit_b,fit_c,federated_loss,central_loss
            1,1,completed,0.0,0.0,0,0,0,0,0,0,0,nan,inf,-inf,,nan

            """
        #expect(History(records: [record]).csv() == expected)
    }

    @Test func listMetricsAreJoinedWithSemicolons() {
        var record = RoundRecord(round: 1)
        record.fitMetrics = ["counts": .ints([3, 4]), "rates": .doubles([0.5, .infinity])]
        #expect(History(records: [record]).csv().contains(",0,3;4,0.5;inf,,\n"))
    }

    @Test func emptyHistoryIsTheHeaderAlone() {
        #expect(History().csv() == "\(Self.header),federated_loss,central_loss\n")
    }
}
