import Testing
@testable import SwiftletSimulation

/// The line chart's exact output for a tiny chart, gaps, log axes and empty series.
@Suite struct SVGLineChartTests {
    func tiny(_ y: [Double], logarithmicY: Bool = false) -> SVGLineChart {
        SVGLineChart(title: "A<B", xLabel: "round", yLabel: "acc",
                     series: [ChartSeries(name: "x&y", x: [1, 2, 3], y: y)],
                     logarithmicY: logarithmicY, width: 200, height: 120)
    }

    // Plot area: x 70…129 (200 − 20 gap − legend 30 + 7·3), y 40…70 (120 − 50).
    // y ticks 0.5…0.9 by 0.1 (range 0.4 / 5 → 0.08 → 0.1): 0.6 at 70 − 30·0.25 = 62.5.
    // x ticks 1…3 by 0.5 (2 / 5 → 0.4 → 0.5): 1.5 at 70 + 59·0.25 = 84.75 → "84.8".
    @Test func tinyChartIsExactlyTheExpectedDocument() {
        #expect(tiny([0.5, 0.7, 0.9]).svg == """
            <svg xmlns="http://www.w3.org/2000/svg" width="200" height="120" viewBox="0 0 200 120" font-family="sans-serif" font-size="12">
            <rect width="200" height="120" fill="#ffffff"/>
            <text x="100" y="24" text-anchor="middle" font-size="16">A&lt;B</text>
            <g stroke="#e6e6e6" stroke-width="1">
            <line x1="70" y1="70" x2="129" y2="70"/>
            <line x1="70" y1="62.5" x2="129" y2="62.5"/>
            <line x1="70" y1="55" x2="129" y2="55"/>
            <line x1="70" y1="47.5" x2="129" y2="47.5"/>
            <line x1="70" y1="40" x2="129" y2="40"/>
            <line x1="70" y1="40" x2="70" y2="70"/>
            <line x1="84.8" y1="40" x2="84.8" y2="70"/>
            <line x1="99.5" y1="40" x2="99.5" y2="70"/>
            <line x1="114.3" y1="40" x2="114.3" y2="70"/>
            <line x1="129" y1="40" x2="129" y2="70"/>
            </g>
            <g stroke="#333333" stroke-width="1">
            <line x1="70" y1="70" x2="129" y2="70"/>
            <line x1="70" y1="40" x2="70" y2="70"/>
            </g>
            <g fill="#333333">
            <text x="64" y="74" text-anchor="end">0.5</text>
            <text x="64" y="66.5" text-anchor="end">0.6</text>
            <text x="64" y="59" text-anchor="end">0.7</text>
            <text x="64" y="51.5" text-anchor="end">0.8</text>
            <text x="64" y="44" text-anchor="end">0.9</text>
            <text x="70" y="88" text-anchor="middle">1.0</text>
            <text x="84.8" y="88" text-anchor="middle">1.5</text>
            <text x="99.5" y="88" text-anchor="middle">2.0</text>
            <text x="114.3" y="88" text-anchor="middle">2.5</text>
            <text x="129" y="88" text-anchor="middle">3.0</text>
            </g>
            <text x="99.5" y="110" text-anchor="middle">round</text>
            <text transform="rotate(-90)" x="-55" y="16" text-anchor="middle">acc</text>
            <g fill="none" stroke-width="2" stroke-linejoin="round">
            <polyline stroke="#1f6fb4" points="70,70 99.5,55 129,40"/>
            </g>
            <g>
            <line x1="139" y1="48" x2="159" y2="48" stroke="#1f6fb4" stroke-width="2"/>
            <text x="165" y="52">x&amp;y</text>
            </g>
            </svg>

            """)
    }

    @Test func nonFinitePointsBreakTheLineAndLonePointsBecomeDots() {
        let svg = tiny([0.5, .nan, 0.9]).svg
        #expect(!svg.contains("<polyline"))
        #expect(svg.contains("<circle cx=\"70\" cy=\"70\" r=\"2.5\" fill=\"#1f6fb4\" stroke=\"none\"/>\n<circle cx=\"129\" cy=\"40\""))
        let infinite = SVGLineChart(title: "", xLabel: "", yLabel: "", series: [
            ChartSeries(name: "s", x: [1, 2, 3, 4, 5], y: [1, 2, .infinity, 4, 5]),
        ]).svg
        #expect(infinite.components(separatedBy: "<polyline").count == 3)
    }

    @Test func logarithmicAxisSkipsNonPositiveValues() {
        let chart = tiny([1, 0, 0.01], logarithmicY: true)
        #expect(chart.yAxis.ticks == [0.01, 0.1, 1])
        #expect(chart.svg.contains("<circle cx=\"70\" cy=\"40\""))
        #expect(chart.svg.contains("<circle cx=\"129\" cy=\"70\""))
    }

    @Test func emptySeriesAppearInTheLegendOverDefaultAxes() {
        let chart = SVGLineChart(title: "", xLabel: "", yLabel: "", series: [ChartSeries(name: "none", x: [], y: [])])
        #expect(chart.yAxis.ticks == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(chart.xAxis.ticks == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(chart.svg.contains(">none</text>"))
        #expect(!chart.svg.contains("<polyline") && !chart.svg.contains("<circle"))
    }

    @Test func sameInputGivesTheSameBytes() {
        let a = tiny([0.1, 0.2, 0.3]).svg, b = tiny([0.1, 0.2, 0.3]).svg
        #expect(a == b)
    }
}

extension SVGLineChartTests {
    @Test func fixedYRangeIsKeptAndWidenedByDataOutsideIt() {
        var chart = tiny([0.5, 0.7, 0.9])
        chart.yRange = 0...1
        #expect(chart.yAxis.ticks == [0, 0.2, 0.4, 0.6, 0.8, 1])
        chart.series[0].y = [0.5, 1.3, 0.9]
        #expect(chart.yAxis.ticks == [0, 0.5, 1, 1.5])  // 1.3 / 5 = 0.26 → step 0.5
    }
}
