/// Which second-moment update an adaptive server optimizer applies (Reddi et al. 2021, Algorithm 2).
///
/// Reddi, Charles, Zaheer, Garrett, Rush, Konečný, Kumar, McMahan, "Adaptive Federated Optimization",
/// ICLR 2021. The three rules share the first moment `m ← β₁m + (1 − β₁)Δ` and the step
/// `x ← x + η m / (√v + τ)`; they differ only in how `v` follows `Δ²`.
public enum AdaptiveRule: String, Sendable, Equatable, Codable {
    /// FedAdagrad: `v ← v + Δ²` — the accumulated squares never shrink.
    case adagrad
    /// FedAdam: `v ← β₂v + (1 − β₂)Δ²` — an exponential moving average of the squares.
    case adam
    /// FedYogi: `v ← v − (1 − β₂)Δ² sign(v − Δ²)` — moves additively towards `Δ²`, so `v` grows or shrinks
    /// by at most `(1 − β₂)Δ²` per round (Zaheer et al. 2018, "Adaptive Methods for Nonconvex Optimization").
    case yogi
}
