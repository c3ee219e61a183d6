#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Aggregation {
    /// Added to every reported loss before it is raised to a power, as Flower does, so a loss of exactly
    /// zero does not make `F^(q−1)` infinite.
    public static let qFedAvgLossOffset = 1e-10

    /// The factor `L F^q` by which q-FedAvg scales a client's model difference `x − w_k`.
    ///
    /// Li, Sanjabi, Beirami, Smith, "Fair Resource Allocation in Federated Learning", ICLR 2020 (q-FFL,
    /// q-FedAvg): `Δ_k = F_k^q Δw_k` with `Δw_k = L(x − w_k)`, `L` the Lipschitz estimate (1 / learning rate)
    /// and `F_k = loss + 10⁻¹⁰` the client's loss on the model it received.
    public static func qFedAvgDeltaScale(loss: Double, q: Double, lipschitz: Double) -> Double {
        lipschitz * pow(loss + qFedAvgLossOffset, q)
    }

    /// q-FedAvg's local curvature estimate `h_k = q F^(q−1) ‖Δw_k‖² + L F^q` of one client.
    ///
    /// Li et al., ICLR 2020 (see ``qFedAvgDeltaScale(loss:q:lipschitz:)``). `squaredDistance` is
    /// `‖x − w_k‖²`, so `‖Δw_k‖² = L² × squaredDistance`. For `q = 0` the first term is zero by definition
    /// (not `0 × F⁻¹`, which is NaN for a zero loss).
    public static func qFedAvgCurvature(loss: Double, q: Double, lipschitz: Double, squaredDistance: Double) -> Double {
        let f = loss + qFedAvgLossOffset
        let first = q == 0 ? 0 : q * pow(f, q - 1) * lipschitz * lipschitz * squaredDistance
        return first + lipschitz * pow(f, q)
    }

    /// The q-FedAvg step `x − Σ_k Δ_k / Σ_k h_k` over all `updates` at once, computed in `Double`.
    ///
    /// Li et al., ICLR 2020. The plain reference for ``QFedAvgAggregator``, which streams the same sums in
    /// `Float` with O(model) memory. `losses[k]` is client `k`'s loss on `global`; `learningRate` is `1 / L`.
    public static func qFedAvg(global: [Float], updates: [[Float]], losses: [Double], q: Double,
                               learningRate: Double) -> [Double] {
        precondition(updates.count == losses.count && !updates.isEmpty, "qFedAvg: one loss per update")
        let lipschitz = 1 / learningRate
        var deltaSum = [Double](repeating: 0, count: global.count)
        var hSum = 0.0
        for (update, loss) in zip(updates, losses) {
            precondition(update.count == global.count, "qFedAvg: an update has \(update.count) values, expected \(global.count)")
            let scale = qFedAvgDeltaScale(loss: loss, q: q, lipschitz: lipschitz)
            var squares = 0.0
            for i in global.indices {
                let difference = Double(global[i]) - Double(update[i])
                deltaSum[i] += scale * difference
                squares += difference * difference
            }
            hSum += qFedAvgCurvature(loss: loss, q: q, lipschitz: lipschitz, squaredDistance: squares)
        }
        return global.indices.map { Double(global[$0]) - deltaSum[$0] / hSum }
    }
}
