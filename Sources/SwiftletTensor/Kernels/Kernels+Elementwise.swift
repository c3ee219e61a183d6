extension Kernels {
    /// `y[i] += a · x[i]` for `i` in `0..<n` (BLAS saxpy).
    @inlinable
    public static func axpy(_ n: Int, _ a: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        let av = SIMD16<Float>(repeating: a)
        var i = 0
        while i + 16 <= n {
            let xv = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD16<Float>.self)
            let yv = UnsafeRawPointer(y + i).loadUnaligned(as: SIMD16<Float>.self)
            UnsafeMutableRawPointer(y + i).storeBytes(of: yv.addingProduct(xv, av), as: SIMD16<Float>.self)
            i += 16
        }
        while i < n {
            y[i] = y[i].addingProduct(x[i], a)
            i += 1
        }
    }

    /// `y[i] = scale · y[i] + x[i]` for `i` in `0..<n`.
    @inlinable
    public static func scaleAdd(_ n: Int, scale: Float, _ y: UnsafeMutablePointer<Float>, adding x: UnsafePointer<Float>) {
        let sv = SIMD16<Float>(repeating: scale)
        var i = 0
        while i + 16 <= n {
            let xv = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD16<Float>.self)
            let yv = UnsafeRawPointer(y + i).loadUnaligned(as: SIMD16<Float>.self)
            UnsafeMutableRawPointer(y + i).storeBytes(of: xv.addingProduct(yv, sv), as: SIMD16<Float>.self)
            i += 16
        }
        while i < n {
            y[i] = x[i].addingProduct(y[i], scale)
            i += 1
        }
    }
}

extension Kernels {
    /// `y[i] = max(0, x[i])`. `x` and `y` may be the same buffer.
    @inlinable
    public static func relu(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        let zero = SIMD16<Float>(repeating: 0)
        var i = 0
        while i + 16 <= count {
            let v = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD16<Float>.self)
            UnsafeMutableRawPointer(y + i).storeBytes(of: pointwiseMax(v, zero), as: SIMD16<Float>.self)
            i += 16
        }
        while i < count {
            y[i] = x[i] > 0 ? x[i] : 0
            i += 1
        }
    }

    /// `dx[i] = y[i] > 0 ? dy[i] : 0`, the ReLU backward from its output `y`.
    @inlinable
    public static func reluBackward(output y: UnsafePointer<Float>, outputGradient dy: UnsafePointer<Float>,
                                    inputGradient dx: UnsafeMutablePointer<Float>, count: Int) {
        let zero = SIMD16<Float>(repeating: 0)
        var i = 0
        while i + 16 <= count {
            let yv = UnsafeRawPointer(y + i).loadUnaligned(as: SIMD16<Float>.self)
            let gv = UnsafeRawPointer(dy + i).loadUnaligned(as: SIMD16<Float>.self)
            UnsafeMutableRawPointer(dx + i).storeBytes(of: zero.replacing(with: gv, where: yv .> zero), as: SIMD16<Float>.self)
            i += 16
        }
        while i < count {
            dx[i] = y[i] > 0 ? dy[i] : 0
            i += 1
        }
    }

    /// `out[j] = Σ_r x[r·columns + j]`: column sums of a row-major matrix (bias gradients), summed in row order.
    @inlinable
    public static func sumRows(_ x: UnsafePointer<Float>, rows: Int, columns: Int, into out: UnsafeMutablePointer<Float>) {
        out.update(repeating: 0, count: columns)
        for r in 0..<rows { axpy(columns, 1, x + r * columns, out) }
    }
}
