import SwiftletTensor

/// The distribution of client sizes for ``Partitioner/quantitySkew(count:clients:distribution:generator:)``.
public enum QuantitySkew: Sendable, Equatable {
    /// Weights from a Pareto (power-law) distribution with this shape a > 0: `w = (1 − U)^(−1/a)`; the smaller a,
    /// the heavier the tail (a few clients hold most data).
    case powerLaw(exponent: Double)
    /// Weights from a log-normal distribution `w = exp(σ·z)`, σ ≥ 0 (σ = 0 gives equal sizes).
    case logNormal(sigma: Double)
}

extension Partitioner {
    /// Quantity skew: client sizes drawn from a heavy-tailed distribution, then filled IID.
    ///
    /// Each client draws a weight from `distribution`; every client gets one sample and the remaining
    /// `count − clients` are shared in proportion to the weights (largest-remainder rounding, ties to the lower
    /// client index), so sizes sum to `count` exactly and none is empty. A seeded shuffle of all indices is then
    /// cut into runs of those sizes, so labels are IID within each client (Li et al., "Federated Learning on
    /// Non-IID Data Silos: An Experimental Study", ICDE 2022, quantity-based skew).
    ///
    /// - Throws: ``PartitionError`` when `clients < 1`, `count < clients`, or the exponent or σ is out of range.
    public static func quantitySkew(count: Int, clients: Int, distribution: QuantitySkew,
                                    generator: inout SeededGenerator) throws(PartitionError) -> [[Int]] {
        guard clients >= 1 else { throw .invalidClientCount(clients) }
        guard count >= clients else { throw .tooFewSamples(samples: count, pieces: clients) }
        let weights: [Double]
        switch distribution {
        case .powerLaw(let exponent):
            guard exponent > 0, exponent.isFinite else { throw .invalidParameter(name: "exponent", value: exponent) }
            weights = (0..<clients).map { _ in
                PortableMath.pow(1 - Double(generator.next() >> 11) * 0x1p-53, -1 / exponent)
            }
        case .logNormal(let sigma):
            guard sigma >= 0, sigma.isFinite else { throw .invalidParameter(name: "sigma", value: sigma) }
            weights = (0..<clients).map { _ in PortableMath.exp(sigma * Double(generator.nextNormal())) }
        }
        let sizes = apportion(count - clients, weights: weights).map { $0 + 1 }
        var order = Array(0..<count)
        generator.shuffle(&order)
        var parts: [[Int]] = []
        parts.reserveCapacity(clients)
        var start = 0
        for size in sizes {
            parts.append(Array(order[start..<(start + size)]))
            start += size
        }
        return parts
    }

    /// Splits `total` into integers proportional to `weights` by the largest-remainder method.
    static func apportion(_ total: Int, weights: [Double]) -> [Int] {
        let sum = weights.reduce(0, +)
        guard sum > 0, sum.isFinite else {
            return cut(Array(0..<total), into: weights.count).map(\.count)
        }
        let quotas = weights.map { Double(total) * $0 / sum }
        var shares = quotas.map { Int($0) }
        let remaining = total - shares.reduce(0, +)
        let byRemainder = quotas.indices.sorted { (quotas[$0] - Double(shares[$0]), -$0) > (quotas[$1] - Double(shares[$1]), -$1) }
        for index in byRemainder.prefix(remaining) { shares[index] += 1 }
        return shares
    }
}
