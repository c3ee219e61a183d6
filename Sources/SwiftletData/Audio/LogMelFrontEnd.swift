/// Turns one-second 16 kHz clips into 49 × 40 log-mel spectrograms: the input of the `kws` zoo preset.
///
/// The framing is the DS-CNN front end of Zhang et al., "Hello Edge: Keyword Spotting on Microcontrollers"
/// (arXiv:1711.07128, 2017): 40 ms windows (640 samples) every 20 ms (320 samples), so a 1 s clip yields
/// `1 + (16000 − 640) / 320 = 49` frames. Each clip is padded with zeros or trimmed at the end to exactly
/// 16,000 samples and scaled to [−1, 1) (`sample / 32768`). Each frame is multiplied by a periodic Hann window
/// `0.5 − 0.5·cos(2πn/640)`, zero-padded to 1,024 points, transformed by ``RealFFT`` into a power spectrum
/// `|X[k]|²`, and summed by a 40-filter HTK ``MelFilterbank`` over 20 Hz–8 kHz. The output is
/// `ln(energy + 1e-6)`: the offset is the floor that keeps silent frames finite (≈ −13.8).
/// Features are row-major `[frame][mel bin]`, i.e. the sample shape `[1, 49, 40]`.
public struct LogMelFrontEnd: Sendable {
    /// The sample rate the front end expects.
    public static let sampleRate = 16_000
    /// Samples per clip after padding or trimming (one second).
    public static let clipSamples = 16_000
    /// Samples per analysis window (40 ms).
    public static let windowSamples = 640
    /// Samples between window starts (20 ms).
    public static let strideSamples = 320
    /// FFT length: the window zero-padded to the next power of two.
    public static let fftSize = 1024
    /// Mel bins per frame.
    public static let melBins = 40
    /// Frames per clip.
    public static let frameCount = 1 + (clipSamples - windowSamples) / strideSamples
    /// The value added to every mel energy before the logarithm.
    public static let logOffset: Float = 1e-6
    /// The per-clip feature shape, channels first.
    public static let featureShape = [1, frameCount, melBins]

    /// The mel filterbank used (40 filters, 20 Hz–8 kHz).
    public let filterbank: MelFilterbank
    private let fft: RealFFT
    private let window: [Float]

    /// The standard front end described above.
    public init() {
        filterbank = MelFilterbank(count: Self.melBins, fftSize: Self.fftSize, sampleRate: Self.sampleRate,
                                   lowerHz: 20, upperHz: 8000)
        fft = RealFFT(size: Self.fftSize)!
        window = (0..<Self.windowSamples).map {
            Float(0.5 - 0.5 * PortableMath.sinCos(2 * Double.pi * Double($0) / Double(Self.windowSamples)).cos)
        }
    }

    /// The `frameCount × melBins` log-mel features of `samples` (16 kHz; padded or trimmed to one second).
    public func features(_ samples: [Int16]) -> [Float] {
        var output = [Float](repeating: 0, count: Self.frameCount * Self.melBins)
        var workspace = Workspace()
        output.withUnsafeMutableBufferPointer { features(samples, into: $0, workspace: &workspace) }
        return output
    }

    /// The features of many clips, concatenated in order: `clips.count × frameCount × melBins` values.
    public func features(_ clips: [[Int16]]) -> [Float] {
        let size = Self.frameCount * Self.melBins
        var output = [Float](repeating: 0, count: clips.count * size)
        var workspace = Workspace()
        output.withUnsafeMutableBufferPointer { buffer in
            for (index, clip) in clips.enumerated() {
                features(clip, into: UnsafeMutableBufferPointer(rebasing: buffer[(index * size)..<((index + 1) * size)]),
                         workspace: &workspace)
            }
        }
        return output
    }

    /// Buffers reused from clip to clip so featurising a dataset allocates once.
    struct Workspace {
        var clip = [Float](repeating: 0, count: LogMelFrontEnd.clipSamples)
        var frame = [Float](repeating: 0, count: LogMelFrontEnd.fftSize)
        var power = [Float](repeating: 0, count: LogMelFrontEnd.fftSize / 2 + 1)
        var scratch = [Float](repeating: 0, count: 2 * LogMelFrontEnd.fftSize + 4)
    }

    private func features(_ samples: [Int16], into output: UnsafeMutableBufferPointer<Float>, workspace: inout Workspace) {
        let kept = Swift.min(samples.count, Self.clipSamples)
        for index in 0..<Self.clipSamples { workspace.clip[index] = index < kept ? Float(samples[index]) / 32768 : 0 }
        for frame in 0..<Self.frameCount {
            let start = frame * Self.strideSamples
            for index in 0..<Self.windowSamples { workspace.frame[index] = workspace.clip[start + index] * window[index] }
            for index in Self.windowSamples..<Self.fftSize { workspace.frame[index] = 0 }
            workspace.frame.withUnsafeBufferPointer { signal in
                workspace.power.withUnsafeMutableBufferPointer { power in
                    workspace.scratch.withUnsafeMutableBufferPointer { scratch in
                        fft.powerSpectrum(signal, into: power, scratch: scratch)
                    }
                }
            }
            let row = UnsafeMutableBufferPointer(rebasing: output[(frame * Self.melBins)..<((frame + 1) * Self.melBins)])
            workspace.power.withUnsafeBufferPointer { filterbank.apply($0, into: row) }
            for bin in 0..<Self.melBins { row[bin] = PortableMath.log(row[bin] + Self.logOffset) }
        }
    }
}
