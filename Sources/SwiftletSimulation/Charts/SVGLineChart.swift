/// A line chart as a standalone SVG document: named series, nice axis ticks, axis titles, a legend and an
/// optional logarithmic y axis — the simulator's accuracy and loss per round or per simulated hour.
///
/// Output is deterministic (fixed-precision coordinates, no timestamps or random ids), so identical
/// histories give byte-identical files. Points that cannot be drawn (NaN, ±inf, y ≤ 0 on a log axis)
/// split a series into separate polylines; a segment of one point is drawn as a dot. Series without
/// drawable points still appear in the legend; a chart with no points at all draws empty 0…1 axes.
public struct SVGLineChart: Sendable, Equatable {
    /// The title above the plot.
    public var title: String
    /// The x axis's title ("round", "simulated hours").
    public var xLabel: String
    /// The y axis's title ("test accuracy").
    public var yLabel: String
    /// The lines, drawn in order with the palette's colours.
    public var series: [ChartSeries]
    /// Whether the y axis is logarithmic (for losses spanning decades).
    public var logarithmicY: Bool
    /// A y range the axis always covers, widened further if the data leave it (`0...1` for accuracy, so
    /// runs are drawn on the same scale); `nil` fits the axis to the data alone.
    public var yRange: ClosedRange<Double>?
    /// The canvas width in pixels.
    public var width: Int
    /// The canvas height in pixels.
    public var height: Int

    /// Creates a chart.
    public init(title: String, xLabel: String, yLabel: String, series: [ChartSeries],
                logarithmicY: Bool = false, yRange: ClosedRange<Double>? = nil, width: Int = 640, height: Int = 400) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.logarithmicY = logarithmicY
        self.yRange = yRange
        self.width = width
        self.height = height
    }

    /// The y axis the chart uses: ticks covering every drawable point.
    public var yAxis: ChartAxis {
        var ys = segments.flatMap { $0.flatMap { $0.map(\.y) } }
        if let yRange { ys += [yRange.lowerBound, yRange.upperBound].filter { $0.isFinite && (!logarithmicY || $0 > 0) } }
        guard let lo = ys.min(), let hi = ys.max() else {
            return logarithmicY ? .logarithmic(min: 1, max: 10) : .linear(min: 0, max: 1)
        }
        return logarithmicY ? .logarithmic(min: lo, max: hi) : .linear(min: lo, max: hi)
    }

    /// The x axis the chart uses.
    public var xAxis: ChartAxis {
        let xs = segments.flatMap { $0.flatMap { $0.map(\.x) } }
        guard let lo = xs.min(), let hi = xs.max() else { return .linear(min: 0, max: 1) }
        return .linear(min: lo, max: hi)
    }

    /// The SVG document.
    public var svg: String {
        let frame = ChartFrame(width: width, height: height, title: title, xLabel: xLabel, yLabel: yLabel,
                               legend: series.map(\.name))
        let xAxis = xAxis, yAxis = yAxis
        var out = ""
        frame.open(into: &out)
        let xTicks = zip(xAxis.ticks, xAxis.labels).map { (x: frame.x(xAxis.fraction($0)), label: $1) }
        frame.axes(yAxis: yAxis, xTicks: xTicks, xGrid: true, into: &out)
        out += "<g fill=\"none\" stroke-width=\"2\" stroke-linejoin=\"round\">\n"
        for (index, runs) in segments.enumerated() {
            let color = ChartPalette.color(index)
            for segment in runs {
                let pixels = segment.map { (SVGText.coordinate(frame.x(xAxis.fraction($0.x))), SVGText.coordinate(frame.y(yAxis.fraction($0.y)))) }
                if pixels.count == 1 {
                    out += "<circle cx=\"\(pixels[0].0)\" cy=\"\(pixels[0].1)\" r=\"2.5\" fill=\"\(color)\" stroke=\"none\"/>\n"
                } else {
                    out += "<polyline stroke=\"\(color)\" points=\"" + pixels.map { "\($0.0),\($0.1)" }.joined(separator: " ") + "\"/>\n"
                }
            }
        }
        out += "</g>\n"
        frame.legend(swatch: .line, into: &out)
        frame.close(into: &out)
        return out
    }

    /// Per series, its runs of consecutive drawable points; an undrawable point ends a run.
    private var segments: [[[(x: Double, y: Double)]]] {
        series.map { s in
            var runs: [[(x: Double, y: Double)]] = []
            var run: [(x: Double, y: Double)] = []
            for i in 0..<min(s.x.count, s.y.count) {
                let x = s.x[i], y = s.y[i]
                if x.isFinite && y.isFinite && (!logarithmicY || y > 0) {
                    run.append((x, y))
                } else if !run.isEmpty {
                    runs.append(run)
                    run = []
                }
            }
            if !run.isEmpty { runs.append(run) }
            return runs
        }
    }
}
