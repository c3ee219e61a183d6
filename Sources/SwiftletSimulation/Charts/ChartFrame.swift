/// The parts line and bar charts share: canvas, title, plot area, grid, axes, axis labels and legend.
struct ChartFrame {
    var width: Int
    var height: Int
    var title: String
    var xLabel: String
    var yLabel: String
    var legend: [String]

    static let top = 40.0, bottom = 50.0, left = 70.0, gap = 20.0

    /// The legend's width: a colour swatch and the longest name at about 7 pixels per character.
    var legendWidth: Double {
        let longest = legend.map(\.count).max() ?? 0
        return legend.isEmpty ? 0 : 30 + 7 * Double(longest)
    }

    var plotLeft: Double { Self.left }
    var plotRight: Double { max(plotLeft + 10, Double(width) - Self.gap - legendWidth) }
    var plotTop: Double { Self.top }
    var plotBottom: Double { max(plotTop + 10, Double(height) - Self.bottom) }

    /// The y pixel of the fraction `f` (0 at the bottom, 1 at the top) of the plot's height.
    func y(_ f: Double) -> Double { plotBottom - f * (plotBottom - plotTop) }
    /// The x pixel of the fraction `f` of the plot's width.
    func x(_ f: Double) -> Double { plotLeft + f * (plotRight - plotLeft) }

    /// The opening tag, background and title.
    func open(into out: inout String) {
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"sans-serif\" font-size=\"12\">\n"
        out += "<rect width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>\n"
        if !title.isEmpty {
            out += "<text x=\"\(c(Double(width) / 2))\" y=\"24\" text-anchor=\"middle\" font-size=\"16\">\(SVGText.escaped(title))</text>\n"
        }
    }

    /// Horizontal grid lines and labels for the y axis, x tick labels at the given pixel positions (with
    /// vertical grid lines when `xGrid`), the axis lines, and the axis titles.
    func axes(yAxis: ChartAxis, xTicks: [(x: Double, label: String)], xGrid: Bool, into out: inout String) {
        out += "<g stroke=\"#e6e6e6\" stroke-width=\"1\">\n"
        for tick in yAxis.ticks {
            let py = c(y(yAxis.fraction(tick)))
            out += "<line x1=\"\(c(plotLeft))\" y1=\"\(py)\" x2=\"\(c(plotRight))\" y2=\"\(py)\"/>\n"
        }
        if xGrid {
            for tick in xTicks {
                out += "<line x1=\"\(c(tick.x))\" y1=\"\(c(plotTop))\" x2=\"\(c(tick.x))\" y2=\"\(c(plotBottom))\"/>\n"
            }
        }
        out += "</g>\n<g stroke=\"#333333\" stroke-width=\"1\">\n"
        out += "<line x1=\"\(c(plotLeft))\" y1=\"\(c(plotBottom))\" x2=\"\(c(plotRight))\" y2=\"\(c(plotBottom))\"/>\n"
        out += "<line x1=\"\(c(plotLeft))\" y1=\"\(c(plotTop))\" x2=\"\(c(plotLeft))\" y2=\"\(c(plotBottom))\"/>\n"
        out += "</g>\n<g fill=\"#333333\">\n"
        for (tick, label) in zip(yAxis.ticks, yAxis.labels) {
            out += "<text x=\"\(c(plotLeft - 6))\" y=\"\(c(y(yAxis.fraction(tick)) + 4))\" text-anchor=\"end\">\(SVGText.escaped(label))</text>\n"
        }
        for tick in xTicks {
            out += "<text x=\"\(c(tick.x))\" y=\"\(c(plotBottom + 18))\" text-anchor=\"middle\">\(SVGText.escaped(tick.label))</text>\n"
        }
        out += "</g>\n"
        if !xLabel.isEmpty {
            out += "<text x=\"\(c((plotLeft + plotRight) / 2))\" y=\"\(height - 10)\" text-anchor=\"middle\">\(SVGText.escaped(xLabel))</text>\n"
        }
        if !yLabel.isEmpty {
            out += "<text transform=\"rotate(-90)\" x=\"\(c(-(plotTop + plotBottom) / 2))\" y=\"16\" text-anchor=\"middle\">\(SVGText.escaped(yLabel))</text>\n"
        }
    }

    /// The legend to the right of the plot: a swatch (`line` or `rect`) and the name per entry.
    func legend(swatch: Swatch, into out: inout String) {
        guard !legend.isEmpty else { return }
        let x0 = plotRight + Self.gap / 2
        out += "<g>\n"
        for (i, name) in legend.enumerated() {
            let yMid = plotTop + 8 + 20 * Double(i)
            let color = ChartPalette.color(i)
            switch swatch {
            case .line:
                out += "<line x1=\"\(c(x0))\" y1=\"\(c(yMid))\" x2=\"\(c(x0 + 20))\" y2=\"\(c(yMid))\" stroke=\"\(color)\" stroke-width=\"2\"/>\n"
            case .box:
                out += "<rect x=\"\(c(x0 + 4))\" y=\"\(c(yMid - 6))\" width=\"12\" height=\"12\" fill=\"\(color)\"/>\n"
            }
            out += "<text x=\"\(c(x0 + 26))\" y=\"\(c(yMid + 4))\">\(SVGText.escaped(name))</text>\n"
        }
        out += "</g>\n"
    }

    enum Swatch { case line, box }

    func close(into out: inout String) { out += "</svg>\n" }

    private func c(_ v: Double) -> String { SVGText.coordinate(v) }
}
