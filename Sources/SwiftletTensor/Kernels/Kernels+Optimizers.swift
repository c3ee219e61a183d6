extension Kernels {
    /// One Adam or AdamW update of `n` parameters, vectorised, with moments kept by the caller.
    ///
    /// Follows PyTorch's single-tensor `torch.optim.Adam`/`AdamW` (Kingma & Ba, "Adam: A Method for Stochastic
    /// Optimization", ICLR 2015; Loshchilov & Hutter, "Decoupled Weight Decay Regularization", ICLR 2019):
    ///
    ///     g ← g + l2·w                         (Adam's L2 decay; 0 for AdamW)
    ///     w ← decay·w                          (AdamW's decoupled decay 1 − ηλ; 1 for Adam)
    ///     m ← m + (1 − β1)(g − m)
    ///     v ← β2·v + (1 − β2)·g²
    ///     w ← w − stepSize · m / (√v · inverseRootCorrection2 + ε)
    ///
    /// with `stepSize = η / (1 − β1ᵗ)` and `inverseRootCorrection2 = 1 / √(1 − β2ᵗ)`, computed by the caller
    /// once per step. The gradient buffer is only read.
    @inlinable
    public static func adamUpdate(
        _ n: Int,
        parameters w: UnsafeMutablePointer<Float>, gradients g: UnsafePointer<Float>,
        firstMoment m: UnsafeMutablePointer<Float>, secondMoment v: UnsafeMutablePointer<Float>,
        beta1: Float, beta2: Float, stepSize: Float, inverseRootCorrection2: Float, epsilon: Float,
        l2: Float, decay: Float
    ) {
        let oneMinusBeta1 = SIMD16<Float>(repeating: 1 - beta1)
        let beta2v = SIMD16<Float>(repeating: beta2)
        let oneMinusBeta2 = SIMD16<Float>(repeating: 1 - beta2)
        let stepv = SIMD16<Float>(repeating: stepSize)
        let correction = SIMD16<Float>(repeating: inverseRootCorrection2)
        let eps = SIMD16<Float>(repeating: epsilon)
        let l2v = SIMD16<Float>(repeating: l2)
        let decayv = SIMD16<Float>(repeating: decay)
        var i = 0
        while i + 16 <= n {
            var wv = UnsafeRawPointer(w + i).loadUnaligned(as: SIMD16<Float>.self)
            var gv = UnsafeRawPointer(g + i).loadUnaligned(as: SIMD16<Float>.self)
            var mv = UnsafeRawPointer(m + i).loadUnaligned(as: SIMD16<Float>.self)
            var vv = UnsafeRawPointer(v + i).loadUnaligned(as: SIMD16<Float>.self)
            gv = gv.addingProduct(l2v, wv)
            wv = wv * decayv
            mv = mv.addingProduct(oneMinusBeta1, gv - mv)
            vv = (vv * beta2v).addingProduct(gv * gv, oneMinusBeta2)
            let denominator = squareRoot(vv) * correction + eps
            wv = wv - stepv * (mv / denominator)
            UnsafeMutableRawPointer(w + i).storeBytes(of: wv, as: SIMD16<Float>.self)
            UnsafeMutableRawPointer(m + i).storeBytes(of: mv, as: SIMD16<Float>.self)
            UnsafeMutableRawPointer(v + i).storeBytes(of: vv, as: SIMD16<Float>.self)
            i += 16
        }
        while i < n {
            let gi = g[i].addingProduct(l2, w[i])
            let wi = w[i] * decay
            let mi = m[i].addingProduct(1 - beta1, gi - m[i])
            let vi = (v[i] * beta2).addingProduct(gi * gi, 1 - beta2)
            let denominator = squareRoot(vi) * inverseRootCorrection2 + epsilon
            w[i] = wi - stepSize * (mi / denominator)
            m[i] = mi
            v[i] = vi
            i += 1
        }
    }

    /// `g[i] += mu · (w[i] − anchor[i])`: the gradient of FedProx's proximal term `μ/2 ‖w − anchor‖²`
    /// (Li et al., "Federated Optimization in Heterogeneous Networks", MLSys 2020).
    @inlinable
    public static func addProximalGradient(
        _ n: Int, mu: Float, parameters w: UnsafePointer<Float>, anchor a: UnsafePointer<Float>,
        gradients g: UnsafeMutablePointer<Float>
    ) {
        let muv = SIMD16<Float>(repeating: mu)
        var i = 0
        while i + 16 <= n {
            let wv = UnsafeRawPointer(w + i).loadUnaligned(as: SIMD16<Float>.self)
            let av = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD16<Float>.self)
            let gv = UnsafeRawPointer(g + i).loadUnaligned(as: SIMD16<Float>.self)
            UnsafeMutableRawPointer(g + i).storeBytes(of: gv.addingProduct(muv, wv - av), as: SIMD16<Float>.self)
            i += 16
        }
        while i < n {
            g[i] = g[i].addingProduct(mu, w[i] - a[i])
            i += 1
        }
    }
}
