import SwiftletFederated

/// The simulator's SVG charts: test accuracy and loss per round and per simulated hour, bytes and energy
/// per round.
///
/// Rounds without a measurement are skipped (the line joins the evaluated rounds); non-finite values are
/// skipped too. Bytes and energy are drawn in the SI unit that suits the largest bar (kB for LoRa, MB for
/// Wi-Fi), so small runs do not show as flat zero bars. Charts depend only on the history, so identical
/// histories give identical files.
public struct SimulationCharts: Sendable {
    /// The history drawn.
    public var history: SimulationHistory
    /// The canvas width in pixels.
    public var width: Int
    /// The canvas height in pixels.
    public var height: Int

    /// Charts of `history`.
    public init(history: SimulationHistory, width: Int = 640, height: Int = 400) {
        self.history = history
        self.width = width
        self.height = height
    }

    /// Every chart as (file name, SVG document), in a fixed order.
    public func files() -> [(fileName: String, svg: String)] {
        [("accuracy-per-round.svg", accuracyPerRound.svg), ("loss-per-round.svg", lossPerRound.svg),
         ("accuracy-per-hour.svg", accuracyPerHour.svg), ("loss-per-hour.svg", lossPerHour.svg),
         ("bytes-per-round.svg", bytesPerRound.svg), ("energy-per-round.svg", energyPerRound.svg)]
    }

    /// Test accuracy (%) against the round.
    public var accuracyPerRound: SVGLineChart {
        accuracyChart(title: "Test accuracy per round", xLabel: "round", x: roundNumbers)
    }

    /// Training and test loss against the round, on a logarithmic axis.
    public var lossPerRound: SVGLineChart {
        lossChart(title: "Loss per round", xLabel: "round", x: roundNumbers)
    }

    /// Test accuracy (%) against simulated hours since the start.
    public var accuracyPerHour: SVGLineChart {
        accuracyChart(title: "Test accuracy per simulated hour", xLabel: "simulated hours", x: simulatedHours)
    }

    /// Training and test loss against simulated hours since the start, on a logarithmic axis.
    public var lossPerHour: SVGLineChart {
        lossChart(title: "Loss per simulated hour", xLabel: "simulated hours", x: simulatedHours)
    }

    /// Encoded bytes per training round, download and upload stacked.
    public var bytesPerRound: SVGBarChart {
        let training = trainingRounds
        let down = training.map { Double($0.1.downloadBytes) }, up = training.map { Double($0.1.uploadBytes) }
        let (scale, unit) = Self.unit(for: Self.tallest(down, up),
                                      units: [(1, "B"), (1e3, "kB"), (1e6, "MB"), (1e9, "GB"), (1e12, "TB")])
        return SVGBarChart(title: "Bytes per round", xLabel: "round", yLabel: "encoded bytes (\(unit))",
                           categories: training.map { Self.label($0.0.round) },
                           layers: [BarSeries(name: "download", values: down.map { $0 / scale }),
                                    BarSeries(name: "upload", values: up.map { $0 / scale })],
                           width: width, height: height)
    }

    /// Device energy per training round, computation and communication stacked.
    public var energyPerRound: SVGBarChart {
        let training = trainingRounds
        let compute = training.map(\.1.computeEnergy), radio = training.map(\.1.communicationEnergy)
        let (scale, unit) = Self.unit(for: Self.tallest(compute, radio),
                                      units: [(1e-6, "µJ"), (1e-3, "mJ"), (1, "J"), (1e3, "kJ"), (1e6, "MJ")])
        return SVGBarChart(title: "Energy per round", xLabel: "round", yLabel: "energy (\(unit))",
                           categories: training.map { Self.label($0.0.round) },
                           layers: [BarSeries(name: "computation", values: compute.map { $0 / scale }),
                                    BarSeries(name: "communication", values: radio.map { $0 / scale })],
                           width: width, height: height)
    }

    // MARK: - Building blocks

    /// Each record's round number.
    private var roundNumbers: [Double] { history.records.map { Double($0.round.round) } }

    /// Each record's simulated end in hours.
    private var simulatedHours: [Double] { history.aggregates.map { $0.simulatedEnd / 3600 } }

    /// The records of training rounds (not the initial evaluation, round 0), with their aggregates.
    private var trainingRounds: [(SimulationRecord, SimulationRoundAggregates)] {
        history.rounds.filter { $0.0.round.round > 0 }
    }

    private func accuracyChart(title: String, xLabel: String, x: [Double]) -> SVGLineChart {
        let accuracy = Self.points("test", x: x, y: history.aggregates.map { $0.testAccuracy.map { $0 * 100 } })
        return SVGLineChart(title: title, xLabel: xLabel, yLabel: "test accuracy (%)", series: [accuracy],
                            width: width, height: height)
    }

    private func lossChart(title: String, xLabel: String, x: [Double]) -> SVGLineChart {
        let train = Self.points("train", x: x, y: history.aggregates.map(\.trainLoss), positive: true)
        let test = Self.points("test", x: x, y: history.aggregates.map(\.testLoss), positive: true)
        return SVGLineChart(title: title, xLabel: xLabel, yLabel: "loss", series: [train, test],
                            logarithmicY: true, width: width, height: height)
    }

    /// A series of the (x, y) pairs whose y was measured and both are finite (and, with `positive`, y > 0:
    /// a logarithmic axis cannot draw 0, and skipping keeps the line joined).
    static func points(_ name: String, x: [Double], y: [Double?], positive: Bool = false) -> ChartSeries {
        var xs: [Double] = [], ys: [Double] = []
        for (x, y) in zip(x, y) {
            guard let y, y.isFinite, x.isFinite, !positive || y > 0 else { continue }
            xs.append(x)
            ys.append(y)
        }
        return ChartSeries(name: name, x: xs, y: ys)
    }

    /// A round's bar label: its number, with the attempt when retried (`3/2`).
    static func label(_ round: RoundRecord) -> String { round.attempt > 1 ? "\(round.round)/\(round.attempt)" : "\(round.round)" }

    /// The tallest stack of two layers (non-finite and negative values count as zero, as the chart draws them).
    static func tallest(_ a: [Double], _ b: [Double]) -> Double {
        func clean(_ v: Double) -> Double { v.isFinite && v > 0 ? v : 0 }
        return zip(a, b).map { clean($0) + clean($1) }.max() ?? 0
    }

    /// The largest of `units` (ascending (scale, name)) that the tallest bar reaches; the first when none is.
    static func unit(for tallest: Double, units: [(Double, String)]) -> (Double, String) {
        units.last { tallest >= $0.0 } ?? units[0]
    }
}
