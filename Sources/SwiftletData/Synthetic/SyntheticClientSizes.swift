import SwiftletTensor

/// How many samples each synthetic client holds: `min(⌊exp(μ + σ·z)⌋ + minimum, maximum)`, z standard normal.
///
/// Both reference generators draw sizes from a log-normal, which gives the long tail of real federations:
/// - ``leaf``: LEAF's `data/synthetic` generator (Caldas et al., "LEAF: A Benchmark for Federated Settings",
///   2018): μ = 3, σ = 2, plus 5, capped at 1,000 — median 25, mean ≈ 130.
/// - ``fedProx``: the FedProx paper's generator (Li et al., MLSys 2020): μ = 4, σ = 2, plus 50, uncapped
///   (here capped at 1,000,000 so one client can never exhaust memory) — median 104.
public struct SyntheticClientSizes: Sendable, Equatable {
    /// Mean of the underlying normal.
    public let mu: Double
    /// Standard deviation of the underlying normal.
    public let sigma: Double
    /// Added to every drawn size; the smallest client size.
    public let minimum: Int
    /// The largest client size.
    public let maximum: Int

    /// Sizes with the given log-normal parameters and bounds.
    public init(mu: Double, sigma: Double, minimum: Int, maximum: Int) {
        self.mu = mu
        self.sigma = sigma
        self.minimum = minimum
        self.maximum = maximum
    }

    /// LEAF's sizes: log-normal(3, 2) + 5, at most 1,000.
    public static let leaf = SyntheticClientSizes(mu: 3, sigma: 2, minimum: 5, maximum: 1000)
    /// FedProx's sizes: log-normal(4, 2) + 50 (capped at 1,000,000).
    public static let fedProx = SyntheticClientSizes(mu: 4, sigma: 2, minimum: 50, maximum: 1_000_000)

    /// Checks the parameters.
    func validate() throws(SyntheticDataError) {
        guard sigma >= 0, sigma.isFinite, mu.isFinite else { throw .invalidSizes("μ = \(mu), σ = \(sigma)") }
        guard minimum >= 1, maximum >= minimum else { throw .invalidSizes("minimum \(minimum), maximum \(maximum)") }
    }

    /// One size drawn from `generator`.
    func draw(_ generator: inout SeededGenerator) -> Int {
        let value = PortableMath.exp(mu + sigma * Double(generator.nextNormal()))
        let drawn = value < Double(maximum) ? Int(value) : maximum
        return Swift.min(drawn + minimum, maximum)
    }
}
