/// A stacked bar chart as a standalone SVG document: one bar per category (round), each layer stacked on
/// the ones before it — bytes sent per round, or energy per round split into computation and communication.
///
/// The y axis starts at zero and has nice ticks up to the tallest stack. With many categories only every
/// k-th is labelled (k of the form 1, 2, 5 × 10ⁿ, about one label per 40 pixels). Output is deterministic.
public struct SVGBarChart: Sendable, Equatable {
    /// The title above the plot.
    public var title: String
    /// The x axis's title ("round").
    public var xLabel: String
    /// The y axis's title ("energy (J)").
    public var yLabel: String
    /// The category labels along the x axis, one bar each.
    public var categories: [String]
    /// The stacked layers, bottom first.
    public var layers: [BarSeries]
    /// The canvas width in pixels.
    public var width: Int
    /// The canvas height in pixels.
    public var height: Int

    /// Creates a chart.
    public init(title: String, xLabel: String, yLabel: String, categories: [String], layers: [BarSeries],
                width: Int = 640, height: Int = 400) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.categories = categories
        self.layers = layers
        self.width = width
        self.height = height
    }

    /// The value layer `layer` contributes to category `index`: zero when missing or not a finite non-negative number.
    private func value(_ layer: BarSeries, _ index: Int) -> Double {
        guard index < layer.values.count else { return 0 }
        let v = layer.values[index]
        return v.isFinite && v > 0 ? v : 0
    }

    /// The y axis: from zero to the tallest stack.
    public var yAxis: ChartAxis {
        let tallest = categories.indices.map { i in layers.reduce(0) { $0 + value($1, i) } }.max() ?? 0
        return .linear(min: 0, max: tallest > 0 ? tallest : 1)
    }

    /// Every how many categories a label is drawn.
    public var labelStride: Int {
        let plotWidth = ChartFrame(width: width, height: height, title: "", xLabel: "", yLabel: "", legend: layers.map(\.name)).plotRight - ChartFrame.left
        let fits = max(1, Int(plotWidth / 40))
        guard categories.count > fits else { return 1 }
        let (mantissa, exponent) = ChartAxis.niceStep(Double(categories.count) / Double(fits))
        return max(1, Int(ChartAxis.value(1, mantissa: mantissa, exponent: max(exponent, 0))))
    }

    /// The SVG document.
    public var svg: String {
        let frame = ChartFrame(width: width, height: height, title: title, xLabel: xLabel, yLabel: yLabel,
                               legend: layers.map(\.name))
        let yAxis = yAxis
        let band = (frame.plotRight - frame.plotLeft) / Double(max(categories.count, 1))
        let stride = labelStride
        var out = ""
        frame.open(into: &out)
        let xTicks = categories.indices.filter { stride == 1 || ($0 + 1) % stride == 0 }
            .map { (x: frame.plotLeft + band * (Double($0) + 0.5), label: categories[$0]) }
        frame.axes(yAxis: yAxis, xTicks: xTicks, xGrid: false, into: &out)
        for (l, layer) in layers.enumerated() {
            out += "<g fill=\"\(ChartPalette.color(l))\">\n"
            for i in categories.indices {
                let v = value(layer, i)
                guard v > 0 else { continue }
                let below = layers[..<l].reduce(0) { $0 + value($1, i) }
                let top = frame.y(yAxis.fraction(below + v)), bottom = frame.y(yAxis.fraction(below))
                out += "<rect x=\"\(SVGText.coordinate(frame.plotLeft + band * (Double(i) + 0.1)))\" y=\"\(SVGText.coordinate(top))\" "
                    + "width=\"\(SVGText.coordinate(band * 0.8))\" height=\"\(SVGText.coordinate(bottom - top))\"/>\n"
            }
            out += "</g>\n"
        }
        frame.legend(swatch: .box, into: &out)
        frame.close(into: &out)
        return out
    }
}
