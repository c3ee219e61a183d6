import Testing
@testable import SwiftletSimulation

/// Stacked bars: layer geometry, the zero-based axis, label thinning and bad values.
@Suite struct SVGBarChartTests {
    // Legend "compute"/"radio": 30 + 7·7 = 79 wide, so the plot is x 70…301 (400 − 20 − 79), y 40…150.
    func chart(_ compute: [Double], _ radio: [Double], categories: [String] = ["1", "2"]) -> SVGBarChart {
        SVGBarChart(title: "energy", xLabel: "round", yLabel: "J", categories: categories,
                    layers: [BarSeries(name: "compute", values: compute), BarSeries(name: "radio", values: radio)],
                    width: 400, height: 200)
    }

    @Test func layersStackFromZeroWithinEachCategory() {
        // Totals 3 and 4 → axis 0…4 by 1 (4/5 = 0.8 → 1); 110 px high, 27.5 px per joule.
        // Bands are 231 / 2 = 115.5 px wide; bars 92.4 px starting 11.55 px in (81.55 → "81.6").
        let svg = chart([1, 3], [2, 1]).svg
        #expect(chart([1, 3], [2, 1]).yAxis.ticks == [0, 1, 2, 3, 4])
        #expect(svg.contains("<g fill=\"#1f6fb4\">\n<rect x=\"81.6\" y=\"122.5\" width=\"92.4\" height=\"27.5\"/>\n<rect x=\"197.1\" y=\"67.5\" width=\"92.4\" height=\"82.5\"/>\n</g>"))
        #expect(svg.contains("<g fill=\"#e8730c\">\n<rect x=\"81.6\" y=\"67.5\" width=\"92.4\" height=\"55\"/>\n<rect x=\"197.1\" y=\"40\" width=\"92.4\" height=\"27.5\"/>\n</g>"))
    }

    @Test func negativeNaNAndMissingValuesDrawNothing() {
        let svg = chart([1, -2], [.nan]).svg
        #expect(svg.components(separatedBy: "<rect x=").count == 2 + 2)  // one bar + two legend boxes
    }

    @Test func manyCategoriesAreLabelledEveryNiceStride() {
        let rounds = (1...100).map(String.init)
        let bars = chart(Array(repeating: 1, count: 100), [], categories: rounds)
        // 231 px fit 5 labels; 100 / 5 = 20 → stride 20.
        #expect(bars.labelStride == 20)
        #expect(bars.svg.contains("text-anchor=\"middle\">20</text>"))
        #expect(!bars.svg.contains("text-anchor=\"middle\">19</text>"))
    }

    @Test func emptyChartDrawsAxesFromZeroToOne() {
        let bars = SVGBarChart(title: "", xLabel: "", yLabel: "", categories: [], layers: [])
        #expect(bars.yAxis.ticks == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(bars.svg.hasSuffix("</svg>\n"))
    }
}
