/// The discrete Fourier transform of real signals whose length is a power of two.
///
/// A length-N real signal is packed into N/2 complex points (even samples real, odd imaginary), transformed by
/// an iterative radix-2 Cooley–Tukey FFT (Cooley & Tukey, "An algorithm for the machine calculation of complex
/// Fourier series", Math. Comp. 19, 1965), and unpacked into the N/2 + 1 non-redundant bins — half the work of a
/// complex transform. Twiddle factors are computed once, in Double, when the plan is made.
/// Bin k is `X[k] = Σ_n x[n]·e^(−2πikn/N)`, unnormalised (numpy's `rfft` convention).
public struct RealFFT: Sendable {
    /// The signal length N.
    public let size: Int
    /// cos/sin of −2πk/N for k in 0..<N/2: the unpacking twiddles; every other one serves the N/2-point FFT.
    private let cosines: [Float], sines: [Float]
    /// The bit-reversal permutation of 0..<N/2.
    private let reversed: [Int]

    /// A plan for signals of `size` samples, or `nil` unless `size` is a power of two of at least 4.
    public init?(size: Int) {
        guard size >= 4, size & (size - 1) == 0 else { return nil }
        self.size = size
        let half = size / 2
        let angles = (0..<half).map { PortableMath.sinCos(-2 * Double.pi * Double($0) / Double(size)) }
        cosines = angles.map { Float($0.cos) }
        sines = angles.map { Float($0.sin) }
        let bits = half.trailingZeroBitCount
        reversed = (0..<half).map { index in
            var result = 0
            for bit in 0..<bits where index & (1 << bit) != 0 { result |= 1 << (bits - 1 - bit) }
            return result
        }
    }

    /// The N/2 + 1 complex bins of `signal` (which must hold exactly `size` samples).
    public func transform(_ signal: [Float]) -> (real: [Float], imaginary: [Float]) {
        precondition(signal.count == size, "RealFFT of size \(size) given \(signal.count) samples")
        var real = [Float](repeating: 0, count: size / 2 + 1), imaginary = real
        var scratchReal = [Float](repeating: 0, count: size / 2), scratchImaginary = scratchReal
        signal.withUnsafeBufferPointer { input in
            transform(input, real: &real, imaginary: &imaginary, scratchReal: &scratchReal, scratchImaginary: &scratchImaginary)
        }
        return (real, imaginary)
    }

    /// The power spectrum `|X[k]|²` for k in 0...N/2, written into `power` without allocating.
    ///
    /// `scratch` must hold at least 2N floats; `power` at least N/2 + 1.
    func powerSpectrum(_ signal: UnsafeBufferPointer<Float>, into power: UnsafeMutableBufferPointer<Float>,
                       scratch: UnsafeMutableBufferPointer<Float>) {
        let half = size / 2
        var real = UnsafeMutableBufferPointer(rebasing: scratch[0..<(half + 1)])
        var imaginary = UnsafeMutableBufferPointer(rebasing: scratch[(half + 1)..<(2 * half + 2)])
        var workReal = UnsafeMutableBufferPointer(rebasing: scratch[(2 * half + 2)..<(3 * half + 2)])
        var workImaginary = UnsafeMutableBufferPointer(rebasing: scratch[(3 * half + 2)..<(4 * half + 2)])
        transform(signal, real: &real, imaginary: &imaginary, scratchReal: &workReal, scratchImaginary: &workImaginary)
        for k in 0...half { power[k] = real[k] * real[k] + imaginary[k] * imaginary[k] }
    }

    /// The core: packs, runs the N/2-point complex FFT in the scratch buffers, and unpacks into `real`/`imaginary`.
    private func transform<Buffer: MutableCollection<Float>>(
        _ signal: UnsafeBufferPointer<Float>, real: inout Buffer, imaginary: inout Buffer,
        scratchReal zr: inout Buffer, scratchImaginary zi: inout Buffer
    ) where Buffer.Index == Int {
        let half = size / 2
        let zrBase = zr.startIndex, ziBase = zi.startIndex, reBase = real.startIndex, imBase = imaginary.startIndex
        for index in 0..<half {
            let target = reversed[index]
            zr[zrBase + target] = signal[2 * index]
            zi[ziBase + target] = signal[2 * index + 1]
        }
        // Butterflies: a span of length `span` uses twiddle e^(−2πij/span) = cosines[j · N/span].
        var span = 2
        while span <= half {
            let stride = size / span, halfSpan = span / 2
            var start = 0
            while start < half {
                for j in 0..<halfSpan {
                    let c = cosines[j * stride], s = sines[j * stride]
                    let a = zrBase + start + j, b = a + halfSpan, ai = ziBase + start + j, bi = ai + halfSpan
                    let tr = c * zr[b] - s * zi[bi], ti = c * zi[bi] + s * zr[b]
                    zr[b] = zr[a] - tr; zi[bi] = zi[ai] - ti
                    zr[a] += tr; zi[ai] += ti
                }
                start += span
            }
            span *= 2
        }
        // Unpack: E[k] = (Z[k] + conj Z[M−k]) / 2 is the even samples' DFT, O[k] = (Z[k] − conj Z[M−k]) / 2i
        // the odd samples'; X[k] = E[k] + W^k · O[k] with W = e^(−2πi/N).
        for k in 0...half {
            let k1 = k % half, k2 = (half - k) % half
            let ar = zr[zrBase + k1], ai = zi[ziBase + k1], br = zr[zrBase + k2], bi = -zi[ziBase + k2]
            let er = (ar + br) / 2, ei = (ai + bi) / 2
            let or = (ai - bi) / 2, oi = -(ar - br) / 2
            let c = k < half ? cosines[k] : -1, s = k < half ? sines[k] : 0
            real[reBase + k] = er + c * or - s * oi
            imaginary[imBase + k] = ei + c * oi + s * or
        }
    }
}
