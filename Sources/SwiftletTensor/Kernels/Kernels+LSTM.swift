extension Kernels {
    /// One LSTM cell step for one sample, after the gate pre-activations have been summed.
    ///
    /// `gates` holds the `4H` pre-activations in PyTorch's order i, f, g, o and is overwritten with the
    /// activated gates (σ, σ, tanh, σ), which the backward pass reads. Then `c = f ⊙ c₋₁ + i ⊙ g` and
    /// `h = o ⊙ tanh(c)` (Hochreiter & Schmidhuber 1997, with the forget gate of Gers et al. 2000).
    /// `previousCell == nil` means `c₋₁ = 0` (the first step).
    @inlinable
    public static func lstmCellForward(
        gates: UnsafeMutablePointer<Float>, previousCell: UnsafePointer<Float>?,
        cell: UnsafeMutablePointer<Float>, hidden: UnsafeMutablePointer<Float>, hiddenSize h: Int
    ) {
        sigmoid(gates, gates, count: 2 * h)
        tanh(gates + 2 * h, gates + 2 * h, count: h)
        sigmoid(gates + 3 * h, gates + 3 * h, count: h)
        let gi = UnsafePointer(gates), gf = gi + h, gg = gi + 2 * h, go = gi + 3 * h
        var j = 0
        while j + 8 <= h {
            let i = UnsafeRawPointer(gi + j).loadUnaligned(as: SIMD8<Float>.self)
            let g = UnsafeRawPointer(gg + j).loadUnaligned(as: SIMD8<Float>.self)
            let o = UnsafeRawPointer(go + j).loadUnaligned(as: SIMD8<Float>.self)
            var c = i * g
            if let previousCell {
                let f = UnsafeRawPointer(gf + j).loadUnaligned(as: SIMD8<Float>.self)
                let cp = UnsafeRawPointer(previousCell + j).loadUnaligned(as: SIMD8<Float>.self)
                c = f * cp + c
            }
            UnsafeMutableRawPointer(cell + j).storeBytes(of: c, as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(hidden + j).storeBytes(of: o * tanh(c), as: SIMD8<Float>.self)
            j += 8
        }
        while j < h {
            var c = gi[j] * gg[j]
            if let previousCell { c = gf[j] * previousCell[j] + c }
            cell[j] = c
            hidden[j] = go[j] * tanh(c)
            j += 1
        }
    }

    /// Backpropagates one LSTM cell step for one sample (the reverse of ``lstmCellForward(gates:previousCell:cell:hidden:hiddenSize:)``).
    ///
    /// Reads the activated gates from `gates` and overwrites them with the gradients of the gate
    /// pre-activations (i, f, g, o), which the caller multiplies into weight and input gradients.
    /// `hiddenGradient` is ∂L/∂h for this step (from the output and from the next step). `cellGradient`
    /// holds ∂L/∂c arriving from the next step on entry (zeros at the last step) and ∂L/∂c₋₁ on exit.
    @inlinable
    public static func lstmCellBackward(
        gates: UnsafeMutablePointer<Float>, cell: UnsafePointer<Float>, previousCell: UnsafePointer<Float>?,
        hiddenGradient: UnsafePointer<Float>, cellGradient: UnsafeMutablePointer<Float>, hiddenSize h: Int
    ) {
        let gi = gates, gf = gates + h, gg = gates + 2 * h, go = gates + 3 * h
        var j = 0
        while j + 8 <= h {
            let i = UnsafeRawPointer(gi + j).loadUnaligned(as: SIMD8<Float>.self)
            let f = UnsafeRawPointer(gf + j).loadUnaligned(as: SIMD8<Float>.self)
            let g = UnsafeRawPointer(gg + j).loadUnaligned(as: SIMD8<Float>.self)
            let o = UnsafeRawPointer(go + j).loadUnaligned(as: SIMD8<Float>.self)
            let c = UnsafeRawPointer(cell + j).loadUnaligned(as: SIMD8<Float>.self)
            let dh = UnsafeRawPointer(hiddenGradient + j).loadUnaligned(as: SIMD8<Float>.self)
            let dcNext = UnsafeRawPointer(cellGradient + j).loadUnaligned(as: SIMD8<Float>.self)
            let tc = tanh(c)
            let dc = dcNext + dh * o * (1 - tc * tc)
            var cp = SIMD8<Float>(repeating: 0)
            if let previousCell { cp = UnsafeRawPointer(previousCell + j).loadUnaligned(as: SIMD8<Float>.self) }
            UnsafeMutableRawPointer(gi + j).storeBytes(of: dc * g * i * (1 - i), as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(gf + j).storeBytes(of: dc * cp * f * (1 - f), as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(gg + j).storeBytes(of: dc * i * (1 - g * g), as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(go + j).storeBytes(of: dh * tc * o * (1 - o), as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(cellGradient + j).storeBytes(of: dc * f, as: SIMD8<Float>.self)
            j += 8
        }
        while j < h {
            let i = gi[j], f = gf[j], g = gg[j], o = go[j]
            let tc = tanh(cell[j])
            let dc = cellGradient[j] + hiddenGradient[j] * o * (1 - tc * tc)
            let cp = previousCell?[j] ?? 0
            gi[j] = dc * g * i * (1 - i)
            gf[j] = dc * cp * f * (1 - f)
            gg[j] = dc * i * (1 - g * g)
            go[j] = hiddenGradient[j] * tc * o * (1 - o)
            cellGradient[j] = dc * f
            j += 1
        }
    }
}
