/// Triangular filters evenly spaced on the HTK mel scale, applied to a power spectrum.
///
/// Mel scale (HTK Book, Young et al.; O'Shaughnessy 1987): `mel(f) = 2595 · log10(1 + f / 700)`. The band
/// `lowerHz…upperHz` is cut at `count + 2` equally spaced mel points; filter i rises linearly (in Hz) from
/// point i to a peak of 1 at point i + 1 and falls to 0 at point i + 2, evaluated at each FFT bin's centre
/// frequency `k · sampleRate / fftSize`. Peaks are 1 (HTK style, not Slaney's area normalisation), so a filter
/// responds to a pure tone at its centre with the tone's full power. Filters are stored sparsely — only the
/// bins where they are non-zero — so applying all of them costs about two multiply-adds per spectrum bin.
public struct MelFilterbank: Sendable {
    /// The number of filters.
    public let count: Int
    /// The FFT length whose N/2 + 1 power bins the filters read.
    public let fftSize: Int
    /// The `count + 2` edge frequencies in Hz: filter i spans `edges[i]…edges[i + 2]` and peaks at `edges[i + 1]`.
    public let edges: [Double]
    /// The first FFT bin each filter reads.
    public let firstBin: [Int]
    /// Each filter's weights for the bins `firstBin[i] ..< firstBin[i] + weights[i].count`.
    public let weights: [[Float]]

    /// The HTK mel value of `hertz`.
    public static func mel(_ hertz: Double) -> Double { 2595 * PortableMath.log10(1 + hertz / 700) }
    /// The frequency in Hz of HTK mel value `mel`.
    public static func hertz(_ mel: Double) -> Double { 700 * (PortableMath.exp(mel / 2595 * PortableMath.ln10) - 1) }

    /// Filters for an `fftSize`-point spectrum of audio at `sampleRate`, covering `lowerHz…upperHz`.
    ///
    /// - Precondition: `count ≥ 1`, `0 ≤ lowerHz < upperHz ≤ sampleRate / 2`.
    public init(count: Int, fftSize: Int, sampleRate: Int, lowerHz: Double, upperHz: Double) {
        precondition(count >= 1 && lowerHz >= 0 && lowerHz < upperHz && upperHz <= Double(sampleRate) / 2,
                     "mel filterbank needs count ≥ 1 and 0 ≤ lowerHz < upperHz ≤ Nyquist")
        self.count = count
        self.fftSize = fftSize
        let low = Self.mel(lowerHz), step = (Self.mel(upperHz) - low) / Double(count + 1)
        // The outer edges are the requested band exactly, not a mel round trip that may land an ulp outside it.
        edges = [lowerHz] + (1...count).map { Self.hertz(low + step * Double($0)) } + [upperHz]
        let binHz = Double(sampleRate) / Double(fftSize)
        var firstBin: [Int] = [], weights: [[Float]] = []
        for filter in 0..<count {
            let left = edges[filter], centre = edges[filter + 1], right = edges[filter + 2]
            var first = -1, row: [Float] = []
            for bin in 0...(fftSize / 2) {
                let f = Double(bin) * binHz
                let weight = Swift.max(0, Swift.min((f - left) / (centre - left), (right - f) / (right - centre)))
                if weight > 0 {
                    if first < 0 { first = bin }
                    row.append(Float(weight))
                } else if first >= 0 {
                    break
                }
            }
            firstBin.append(Swift.max(first, 0))
            weights.append(row)
        }
        self.firstBin = firstBin
        self.weights = weights
    }

    /// Filter energies `Σ_k weight[i][k] · power[k]` for every filter, written into `output`.
    func apply(_ power: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>) {
        for filter in 0..<count {
            let first = firstBin[filter]
            var sum: Float = 0
            weights[filter].withUnsafeBufferPointer { row in
                for index in row.indices { sum += row[index] * power[first + index] }
            }
            output[filter] = sum
        }
    }
}
