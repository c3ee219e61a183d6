import Testing
@testable import SwiftletSimulation

/// The six charts: which points they draw, the units they pick, and odd histories.
@Suite struct SimulationChartsTests {
    let charts = SimulationCharts(history: OutputTestRecords.all)

    @Test func accuracyPerRoundSkipsRoundsWithoutEvaluation() {
        let series = charts.accuracyPerRound.series
        #expect(series.map(\.name) == ["test"])
        #expect(series[0].x == [0, 1, 2])  // R2 (failed, not evaluated) is skipped
        #expect(series[0].y == [10, 75, 62.5])
    }

    @Test func lossPerRoundDrawsTrainAndTestLoss() {
        let series = charts.lossPerRound.series
        #expect(series.map(\.name) == ["train", "test"])
        #expect(series[0].x == [1, 2] && series[0].y == [1.5, 0.5])
        #expect(series[1].x == [0, 1, 2] && series[1].y == [2.5, 0.75, 0.875])
        #expect(charts.lossPerRound.logarithmicY)
    }

    @Test func perHourChartsPlaceRoundsAtTheirSimulatedEnd() {
        #expect(charts.accuracyPerHour.series[0].x == [0, 100.0 / 3600, 1])
        #expect(charts.lossPerHour.series[0].x == [100.0 / 3600, 1])
    }

    @Test func bytesPerRoundStackDownloadAndUploadInKilobytes() {
        let bars = charts.bytesPerRound
        #expect(bars.categories == ["1", "2", "2/2"])  // the initial evaluation has no bar; a retry is marked
        #expect(bars.yLabel == "encoded bytes (kB)")  // tallest stack 2500 B
        #expect(bars.layers.map(\.name) == ["download", "upload"])
        #expect(bars.layers[0].values == [2, 2, 2])
        #expect(bars.layers[1].values == [0.5, 0.5, 0.5])
    }

    @Test func energyPerRoundStacksComputationAndCommunicationInJoules() {
        let bars = charts.energyPerRound
        #expect(bars.yLabel == "energy (J)")  // tallest stack 5.5 J
        #expect(bars.layers.map(\.name) == ["computation", "communication"])
        #expect(bars.layers[0].values == [3, 2.5, 2.25])
        #expect(bars.layers[1].values == [2.5, 2, 2])
    }

    @Test func filesAreSixWellFormedDocumentsWithoutNaN() {
        let files = charts.files()
        #expect(files.map(\.fileName) == ["accuracy-per-round.svg", "loss-per-round.svg", "accuracy-per-hour.svg",
                                          "loss-per-hour.svg", "bytes-per-round.svg", "energy-per-round.svg"])
        for file in files {
            #expect(file.svg.hasPrefix("<svg ") && file.svg.hasSuffix("</svg>\n"), "\(file.fileName)")
            #expect(tagsAreBalanced(file.svg), "\(file.fileName)")
            #expect(!file.svg.contains("NaN") && !file.svg.contains("Infinity"), "\(file.fileName)")
        }
    }

    @Test func singleRoundDrawsADot() {
        let one = SimulationCharts(history: SimulationHistory(records: [OutputTestRecords.r1]))
        #expect(one.accuracyPerRound.series[0].x == [1])
        #expect(one.accuracyPerRound.svg.contains("<circle "))
        #expect(one.files().allSatisfy { tagsAreBalanced($0.svg) && !$0.svg.contains("NaN") })
    }

    @Test func onlyAFailedRoundDrawsEmptyLinesAndItsBars() {
        let failed = SimulationCharts(history: SimulationHistory(records: [OutputTestRecords.r2]))
        #expect(failed.accuracyPerRound.series[0].x.isEmpty)
        #expect(failed.lossPerRound.series.allSatisfy { $0.x.isEmpty })
        #expect(failed.bytesPerRound.categories == ["2"])
        #expect(failed.files().allSatisfy { tagsAreBalanced($0.svg) && !$0.svg.contains("NaN") })
    }

    @Test func zeroEnergyDrawsNoBars() {
        var record = OutputTestRecords.r1
        for i in record.devices.indices {
            (record.devices[i].computeEnergy, record.devices[i].downlinkEnergy, record.devices[i].uplinkEnergy) = (0, 0, 0)
        }
        let bars = SimulationCharts(history: SimulationHistory(records: [record])).energyPerRound
        #expect(bars.yLabel == "energy (µJ)")
        #expect(bars.yAxis.ticks == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(bars.svg.components(separatedBy: "<rect x=").count == 1 + 2)  // the two legend boxes only
    }

    @Test func nonFiniteAndNonPositiveLossesAreSkipped() {
        let series = SimulationCharts.points("test", x: [1, 2, 3, 4], y: [0.5, .nan, 0, nil], positive: true)
        #expect(series.x == [1] && series.y == [0.5])
    }

    @Test func emptyHistoryStillGivesSixDocuments() {
        let files = SimulationCharts(history: SimulationHistory()).files()
        #expect(files.count == 6 && files.allSatisfy { tagsAreBalanced($0.svg) })
    }
}
