import Testing
@testable import SwiftletSimulation

/// Fixed formatting and XML escaping for SVG output.
@Suite struct SVGTextTests {
    @Test func fixedRoundsHalfAwayFromZeroAndNeverPrintsNegativeZero() {
        #expect(SVGText.fixed(2.25, decimals: 1) == "2.3")
        #expect(SVGText.fixed(-2.25, decimals: 1) == "-2.3")
        #expect(SVGText.fixed(0.05, decimals: 2) == "0.05")
        #expect(SVGText.fixed(-0.001, decimals: 2) == "0.00")
        #expect(SVGText.fixed(1234, decimals: 0) == "1234")
        #expect(SVGText.fixed(0.5, decimals: 3) == "0.500")
    }

    @Test func coordinatesDropATrailingPointZero() {
        #expect(SVGText.coordinate(70) == "70")
        #expect(SVGText.coordinate(70.04) == "70")
        #expect(SVGText.coordinate(99.75) == "99.8")
    }

    @Test func markupCharactersAreEscapedAndControlCharactersDropped() {
        #expect(SVGText.escaped("a<b & \"c\" > 'd'\u{01}é") == "a&lt;b &amp; &quot;c&quot; &gt; &apos;d&apos;é")
    }
}
