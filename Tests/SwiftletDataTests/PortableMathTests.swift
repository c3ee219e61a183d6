import Foundation
import Testing
@testable import SwiftletData

@Suite struct PortableMathTests {
    /// |a − b| within `ulps` units in the last place of b.
    func close(_ a: Double, _ b: Double, ulps: Double = 4) -> Bool { abs(a - b) <= ulps * b.ulp }

    @Test func logMatchesFoundation() {
        for x in [1e-300, 1e-7, 0.1, 0.5, 0.7071, 1, 1.5, 2, 10, 12345.678, 1e300] {
            #expect(close(PortableMath.log(x), Foundation.log(x)), "log \(x)")
        }
        #expect(PortableMath.log(0.0) == -Double.infinity)
        #expect(PortableMath.log(-1.0).isNaN)
    }

    @Test func floatLogMatchesFoundation() {
        for x: Float in [1e-30, 1e-6, 0.01, 0.7, 1, 1.41, 3, 1e6, 3e38] {
            #expect(abs(PortableMath.log(x) - Foundation.log(x)) <= Foundation.log(x).magnitude.ulp, "log \(x)")
        }
    }

    @Test func expMatchesFoundation() {
        for x in [-700.0, -20, -1, -1e-9, 0, 0.3, 1, 5.5, 100, 700] {
            #expect(close(PortableMath.exp(x), Foundation.exp(x)), "exp \(x)")
        }
        #expect(PortableMath.exp(800) == .infinity && PortableMath.exp(-800) == 0)
    }

    @Test func sinAndCosMatchFoundation() {
        for x in [-7.0, -3.14159, -1, -1e-8, 0, 0.5, 1.5707963267948966, 2, 3, 4.5, 6.283185307179586, 100] {
            let (s, c) = PortableMath.sinCos(x)
            #expect(abs(s - Foundation.sin(x)) < 1e-15 * Swift.max(1, abs(x)), "sin \(x)")
            #expect(abs(c - Foundation.cos(x)) < 1e-15 * Swift.max(1, abs(x)), "cos \(x)")
        }
    }

    @Test func powAndLog10MatchFoundation() {
        #expect(abs(PortableMath.pow(60, -0.6) - Foundation.pow(60, -0.6)) < 1e-15)
        #expect(abs(PortableMath.log10(1000) - 3) < 1e-15)
    }
}
