extension Kernels {
    /// e^x for eight lanes at once, without libm, for the sigmoid and tanh kernels.
    ///
    /// The same Cephes scheme as the scalar ``exp(_:)`` (x = n·ln2 + r, degree-6 polynomial in r), but
    /// branch-free: x is clamped to [−87, 88] so 2^n stays a normal float, n is rounded with the
    /// 1.5·2²³ "magic number" trick, which also leaves n in the low bits, and 2^n is built from those bits.
    /// Results saturate near 1.6·10³⁸ and 1.6·10⁻³⁸ instead of reaching ∞ and 0, which the activations
    /// built on it do not notice. Relative error below 2 ulp inside the range.
    @inlinable @inline(__always)
    public static func exp(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let magic = SIMD8<Float>(repeating: 12_582_912)  // 1.5 · 2^23
        // Clamp by selects rather than pointwiseMin/Max, which the compiler leaves as out-of-line generic calls.
        let low = SIMD8<Float>(repeating: -87), high = SIMD8<Float>(repeating: 88)
        let clamped = x.replacing(with: low, where: x .< low).replacing(with: high, where: x .> high)
        let shifted = clamped * 1.442695041 + magic
        let fn = shifted - magic
        var r = clamped - fn * 0.693359375
        r = r - fn * -2.12194440e-4
        let r2 = r * r
        var p = SIMD8<Float>(repeating: 1.9875691500e-4)
        p = p * r + 1.3981999507e-3
        p = p * r + 8.3334519073e-3
        p = p * r + 4.1665795894e-2
        p = p * r + 1.6666665459e-1
        p = p * r + 5.0000001201e-1
        let y = p * r2 + r + 1
        let n = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000
        let scale = unsafeBitCast((n &+ 127) &<< 23, to: SIMD8<Float>.self)
        return y * scale
    }

    /// The logistic function 1 / (1 + e^−x) for eight lanes; NaN lanes stay NaN.
    @inlinable @inline(__always)
    public static func sigmoid(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let one = SIMD8<Float>(repeating: 1)
        let y = one / (one + exp(-x))
        return y.replacing(with: x, where: x .!= x)
    }

    /// The hyperbolic tangent for eight lanes, as (1 − e^−2|x|) / (1 + e^−2|x|) with the sign restored, and
    /// an odd Taylor polynomial for |x| < 1/16, where the quotient would lose relative precision to
    /// cancellation. NaN lanes stay NaN.
    @inlinable @inline(__always)
    public static func tanh(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let zero = SIMD8<Float>(repeating: 0)
        let one = SIMD8<Float>(repeating: 1)
        let negative = x .< zero
        let ax = x.replacing(with: -x, where: negative)
        let e = exp(-2 * ax)
        var t = (one - e) / (one + e)
        let x2 = x * x
        let series = x + x * x2 * (-0.333333333 + x2 * (0.133333333 - x2 * 0.053968254))
        t.replace(with: -t, where: negative)
        t.replace(with: series, where: ax .< 0.0625)
        return t.replacing(with: x, where: x .!= x)
    }

    /// `y[i] = 1 / (1 + e^−x[i])` over a buffer, eight lanes at a time. `x` and `y` may be the same buffer.
    @inlinable
    public static func sigmoid(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + 8 <= count {
            let v = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(y + i).storeBytes(of: sigmoid(v), as: SIMD8<Float>.self)
            i += 8
        }
        while i < count {
            y[i] = sigmoid(x[i])
            i += 1
        }
    }

    /// `dx[i] = dy[i] · y[i] · (1 − y[i])`, the sigmoid backward from its output `y`.
    @inlinable
    public static func sigmoidBackward(output y: UnsafePointer<Float>, outputGradient dy: UnsafePointer<Float>,
                                       inputGradient dx: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + 8 <= count {
            let yv = UnsafeRawPointer(y + i).loadUnaligned(as: SIMD8<Float>.self)
            let gv = UnsafeRawPointer(dy + i).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(dx + i).storeBytes(of: gv * yv * (1 - yv), as: SIMD8<Float>.self)
            i += 8
        }
        while i < count {
            dx[i] = dy[i] * y[i] * (1 - y[i])
            i += 1
        }
    }

    /// `y[i] = tanh(x[i])` over a buffer, eight lanes at a time. `x` and `y` may be the same buffer.
    @inlinable
    public static func tanh(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + 8 <= count {
            let v = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(y + i).storeBytes(of: tanh(v), as: SIMD8<Float>.self)
            i += 8
        }
        while i < count {
            y[i] = tanh(x[i])
            i += 1
        }
    }

    /// `dx[i] = dy[i] · (1 − y[i]²)`, the tanh backward from its output `y`.
    @inlinable
    public static func tanhBackward(output y: UnsafePointer<Float>, outputGradient dy: UnsafePointer<Float>,
                                    inputGradient dx: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + 8 <= count {
            let yv = UnsafeRawPointer(y + i).loadUnaligned(as: SIMD8<Float>.self)
            let gv = UnsafeRawPointer(dy + i).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(dx + i).storeBytes(of: gv * (1 - yv * yv), as: SIMD8<Float>.self)
            i += 8
        }
        while i < count {
            dx[i] = dy[i] * (1 - y[i] * y[i])
            i += 1
        }
    }

    /// `y[i] = min(max(x[i], 0), 6)` (MobileNet's ReLU6). `x` and `y` may be the same buffer.
    @inlinable
    public static func relu6(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        let zero = SIMD16<Float>(repeating: 0)
        let six = SIMD16<Float>(repeating: 6)
        var i = 0
        while i + 16 <= count {
            let v = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD16<Float>.self)
            UnsafeMutableRawPointer(y + i).storeBytes(of: pointwiseMin(pointwiseMax(v, zero), six), as: SIMD16<Float>.self)
            i += 16
        }
        while i < count {
            let v = x[i] > 0 ? x[i] : 0
            y[i] = v < 6 ? v : 6
            i += 1
        }
    }

    /// `dx[i] = 0 < y[i] < 6 ? dy[i] : 0`, the ReLU6 backward from its output `y` (zero at both kinks, as PyTorch).
    @inlinable
    public static func relu6Backward(output y: UnsafePointer<Float>, outputGradient dy: UnsafePointer<Float>,
                                     inputGradient dx: UnsafeMutablePointer<Float>, count: Int) {
        let zero = SIMD16<Float>(repeating: 0)
        let six = SIMD16<Float>(repeating: 6)
        var i = 0
        while i + 16 <= count {
            let yv = UnsafeRawPointer(y + i).loadUnaligned(as: SIMD16<Float>.self)
            let gv = UnsafeRawPointer(dy + i).loadUnaligned(as: SIMD16<Float>.self)
            let inside = (yv .> zero) .& (yv .< six)
            UnsafeMutableRawPointer(dx + i).storeBytes(of: zero.replacing(with: gv, where: inside), as: SIMD16<Float>.self)
            i += 16
        }
        while i < count {
            dx[i] = y[i] > 0 && y[i] < 6 ? dy[i] : 0
            i += 1
        }
    }
}
