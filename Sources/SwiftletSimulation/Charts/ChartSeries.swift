/// One named line of a ``SVGLineChart``: (x, y) points in drawing order.
///
/// Points whose x or y is NaN or infinite (or, on a logarithmic axis, y ≤ 0) are not drawn and break the
/// line, so a round without an evaluation shows as a gap rather than a misleading straight segment.
public struct ChartSeries: Sendable, Equatable {
    /// The name shown in the legend.
    public var name: String
    /// The x coordinates (round, simulated hours, …).
    public var x: [Double]
    /// The y coordinates, one per x.
    public var y: [Double]

    /// Creates a series from matching x and y arrays (extra elements of the longer one are ignored).
    public init(name: String, x: [Double], y: [Double]) {
        self.name = name
        self.x = x
        self.y = y
    }

    /// Creates a series from (x, y) pairs.
    public init(name: String, points: [(x: Double, y: Double)]) {
        self.init(name: name, x: points.map(\.x), y: points.map(\.y))
    }
}

/// One named layer of a ``SVGBarChart``: a value per category, stacked on the layers before it.
public struct BarSeries: Sendable, Equatable {
    /// The name shown in the legend ("computation", "communication").
    public var name: String
    /// One value per category; missing, negative, NaN or infinite values count as zero.
    public var values: [Double]

    /// Creates a layer.
    public init(name: String, values: [Double]) {
        self.name = name
        self.values = values
    }
}

/// The colours series take in order (distinguishable, and readable by most colour-blind viewers).
enum ChartPalette {
    static let colors = ["#1f6fb4", "#e8730c", "#2a9d3a", "#c8283a", "#7b52ae", "#8c564b", "#d45fb0", "#6b6b6b", "#a8a81c", "#17a6b8"]

    static func color(_ index: Int) -> String { colors[index % colors.count] }
}
