import Testing
@testable import SwiftletSimulation

/// Tick choice: 1-2-5 steps covering the data, exact decimal tick values, labels at the step's precision.
@Suite struct ChartAxisTests {
    @Test func accuracyRangeGetsTicksOfPointTwoUpToOne() {
        let axis = ChartAxis.linear(min: 0, max: 0.97)
        #expect(axis.ticks == [0, 0.2, 0.4, 0.6, 0.8, 1.0])
        #expect(axis.labels == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        #expect(axis.lower == 0 && axis.upper == 1)
    }

    @Test func wholeNumberRangeGetsStepsOfTwenty() {
        #expect(ChartAxis.linear(min: 0, max: 100).ticks == [0, 20, 40, 60, 80, 100])
        #expect(ChartAxis.linear(min: 0, max: 100).labels == ["0", "20", "40", "60", "80", "100"])
    }

    @Test func lossRangeGetsHalfSteps() {
        #expect(ChartAxis.linear(min: 0.05, max: 2.3).ticks == [0, 0.5, 1, 1.5, 2, 2.5])
    }

    @Test func rangeNotStartingAtZeroIsWidenedToWholeSteps() {
        #expect(ChartAxis.linear(min: 1234, max: 5678).ticks == [1000, 2000, 3000, 4000, 5000, 6000])
        #expect(ChartAxis.linear(min: -3, max: 7).ticks == [-4, -2, 0, 2, 4, 6, 8])
        #expect(ChartAxis.linear(min: 0.9712, max: 0.9894).ticks == [0.97, 0.975, 0.98, 0.985, 0.99])
    }

    @Test func largeValuesAreLabelledWithMetricSuffixes() {
        let axis = ChartAxis.linear(min: 0, max: 2_400_000)
        #expect(axis.ticks == [0, 500_000, 1_000_000, 1_500_000, 2_000_000, 2_500_000])
        #expect(axis.labels == ["0", "0.5M", "1.0M", "1.5M", "2.0M", "2.5M"])
        #expect(ChartAxis.linear(min: 0, max: 40_000).labels == ["0", "10k", "20k", "30k", "40k"])
    }

    @Test func singleValueAndEmptyRangesGetUsableAxes() {
        // 5 is widened by 10% to 4.5…5.5; a fifth of that is 0.2, and whole steps of 0.2 cover 4.4…5.6.
        #expect(ChartAxis.linear(min: 5, max: 5).ticks == [4.4, 4.6, 4.8, 5, 5.2, 5.4, 5.6])
        #expect(ChartAxis.linear(min: 0, max: 0).ticks == [-1, -0.5, 0, 0.5, 1])
        #expect(ChartAxis.linear(min: .nan, max: 1).ticks == [0, 0.2, 0.4, 0.6, 0.8, 1])
    }

    @Test func logarithmicAxisTicksEachDecade() {
        let axis = ChartAxis.logarithmic(min: 0.003, max: 2.5)
        #expect(axis.ticks == [0.001, 0.01, 0.1, 1, 10])
        #expect(axis.labels == ["0.001", "0.01", "0.1", "1", "10"])
        #expect(axis.fraction(0.1) == 0.5)
    }

    @Test func logarithmicAxisWithinOneDecadeAddsTwoAndFive() {
        #expect(ChartAxis.logarithmic(min: 0.15, max: 0.9).ticks == [0.1, 0.2, 0.5, 1])
    }
}
