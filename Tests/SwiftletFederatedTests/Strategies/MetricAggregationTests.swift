import Testing
import SwiftletFederated

@Suite struct MetricAggregationTests {
    static func average(_ reports: [(exampleCount: Int, metrics: MetricRecord)]) -> MetricRecord {
        MetricAggregation.weightedAverage.combine(reports)
    }

    @Test func scalarsAreWeightedByExampleCount() {
        // (0.5 · 1 + 0.75 · 3) / 4 = 2.75 / 4 = 0.6875.
        #expect(Self.average([(1, ["accuracy": 0.5]), (3, ["accuracy": 0.75])]) == ["accuracy": .double(0.6875)])
    }

    @Test func intMetricsAverageToADouble() {
        // (2 · 1 + 7 · 3) / 4 = 23 / 4 = 5.75.
        let result = Self.average([(1, ["steps": .int(2)]), (3, ["steps": .int(7)])])
        #expect(result["steps"] == .double(5.75))
    }

    @Test func nonFiniteValuesAreSkipped() {
        // Only the finite report counts: 0.25 with weight 300.
        let result = Self.average([(100, ["loss": .double(.nan)]), (200, ["loss": .double(.infinity)]), (300, ["loss": 0.25])])
        #expect(result == ["loss": 0.25])
    }

    @Test func metricWithNoFiniteReportIsDropped() {
        #expect(Self.average([(100, ["loss": .double(-.infinity)])]).isEmpty)
    }

    @Test func listMetricsAreDropped() {
        let result = Self.average([(1, ["accuracy": 0.5, "per_class": .doubles([0.25, 0.75])]),
                                   (1, ["accuracy": 1.0, "ids": .ints([1, 2])])])
        #expect(result == ["accuracy": 0.75])
    }

    @Test func keyMissingInSomeReportsIsAveragedOverItsReportersOnly() {
        // loss: only the first node reports it, so its value stands; accuracy: (0.5 · 100 + 0.75 · 300) / 400.
        let result = Self.average([(100, ["accuracy": 0.5, "loss": 2.0]), (300, ["accuracy": 0.75])])
        #expect(result == ["accuracy": 0.6875, "loss": 2.0])
    }

    @Test func reportsWithoutPositiveExampleCountAreIgnored() {
        let result = Self.average([(0, ["accuracy": 1.0]), (-5, ["accuracy": 1.0]), (2, ["accuracy": 0.5])])
        #expect(result == ["accuracy": 0.5])
    }

    @Test func noReportsGiveAnEmptyRecord() {
        #expect(Self.average([]).isEmpty)
    }

    @Test func noneDropsEveryMetric() {
        #expect(MetricAggregation.none.combine([(10, ["accuracy": 0.5])]).isEmpty)
    }

    @Test func customFunctionIsCalledWithTheReports() {
        let count = MetricAggregation { reports in ["nodes": .int(Int64(reports.count))] }
        #expect(count.combine([(1, [:]), (2, [:])]) == ["nodes": 2])
    }
}
