import Foundation
import SwiftletTensor

/// Speech Commands keyword spotting in the standard 12-class setup, featurised for the `kws` zoo preset.
///
/// Warden, "Speech Commands: A public dataset for single-word speech recognition", 2017. A folder laid out as
/// `root/<word>/<speaker>_nohash_<n>.wav` (16 kHz, 16-bit mono) becomes labelled log-mel spectrograms
/// (``LogMelFrontEnd``, sample shape `[1, 49, 40]`) with the speaker of every clip, for natural-id splits.
///
/// Classes follow the TensorFlow speech-commands example (and Zhang et al.'s "Hello Edge"): 0 `_silence_`,
/// 1 `_unknown_`, then the ten keywords `yes no up down left right on off stop go` as 2…11.
/// - **unknown:** every clip in any other word folder (the bundled subset has 20 such words, 10 clips each).
/// - **silence:** `silenceClips` synthetic clips. If `root/_background_noise_/` holds WAV files, each silence
///   clip is a one-second slice of one of them at a seeded offset, scaled by a seeded volume in [0, 0.1] (as the
///   TensorFlow example makes its silence). Otherwise (the bundled subset has no background noise) each is
///   Gaussian white noise whose standard deviation is drawn uniformly from [0, 0.01] of full scale — low-level
///   noise, at most −40 dBFS. Silence clips belong to the pseudo-speaker `_silence_`.
/// Folders whose names start with `_` or `.` are not words. Words are read in sorted order and clips in sorted
/// order within each, then the silence clips follow, so the sample order is fixed by the folder and the seed.
/// The official `validation_list.txt` / `testing_list.txt` in the root, when present, assign each clip to a
/// ``Subset`` (bundled subset: 205 training, 44 validation, 51 testing clips, plus silence).
public struct SpeechCommands: Sendable {
    /// The class names, indexed by label.
    public static let classNames = ["_silence_", "_unknown_", "yes", "no", "up", "down", "left", "right",
                                    "on", "off", "stop", "go"]

    /// The featurised clips: sample shape `[1, 49, 40]`, 12 classes.
    public let dataset: LabeledDataset
    /// The speaker id of every sample (the file-name prefix before `_nohash_`; `_silence_` for silence).
    public let speakers: [String]
    /// Every sample's path relative to the root (`_silence_/<n>` for synthetic silence).
    public let files: [String]
    /// Every sample's official subset (see ``subset(_:)``).
    public let subsets: [Subset]

    /// Loads and featurises every clip under `root`, adding `silenceClips` silence samples made from `seed`.
    ///
    /// - Throws: ``SpeechCommandsError`` naming the folder or clip that could not be used.
    public static func load(root: String, silenceClips: Int = 10, seed: UInt64 = 0) throws(SpeechCommandsError) -> SpeechCommands {
        guard silenceClips >= 0 else { throw .invalidSilenceCount(silenceClips) }
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue,
              let words = try? fileManager.contentsOfDirectory(atPath: root) else { throw .notADirectory(root) }
        var clips: [[Int16]] = [], labels: [Int32] = [], speakers: [String] = [], files: [String] = []
        for word in words.sorted() where !word.hasPrefix("_") && !word.hasPrefix(".") {
            let folder = (root as NSString).appendingPathComponent(word)
            guard fileManager.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            let label = Int32(classNames.firstIndex(of: word) ?? 1)
            let names = ((try? fileManager.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".wav") }
            for name in names.sorted() {
                let relative = word + "/" + name
                guard let marker = name.range(of: "_nohash_"), marker.lowerBound != name.startIndex else {
                    throw .unexpectedFileName(relative)
                }
                let path = (folder as NSString).appendingPathComponent(name)
                do {
                    clips.append(try WAVAudio(contentsOf: path, sampleRate: LogMelFrontEnd.sampleRate).samples)
                } catch { throw .wav(error) }
                labels.append(label)
                speakers.append(String(name[..<marker.lowerBound]))
                files.append(relative)
            }
        }
        guard !clips.isEmpty else { throw .noClips(root: root) }
        let silence = try silence(count: silenceClips, root: root, seed: seed)
        for (index, clip) in silence.enumerated() {
            clips.append(clip)
            labels.append(0)
            speakers.append("_silence_")
            files.append("_silence_/\(index)")
        }
        let features = LogMelFrontEnd().features(clips)
        let dataset = try! LabeledDataset(sampleShape: LogMelFrontEnd.featureShape, features: features,
                                          labels: labels, classCount: classNames.count)
        return SpeechCommands(dataset: dataset, speakers: speakers, files: files,
                              subsets: subsets(of: files, root: root))
    }

    /// Loads the subset bundled in the repository's `Data/speech-commands` (300 clips, 41 speakers).
    ///
    /// - Throws: ``SpeechCommandsError/bundledDataNotFound(_:)`` if `Data/` cannot be found, else as ``load(root:silenceClips:seed:)``.
    public static func loadBundled(silenceClips: Int = 10, seed: UInt64 = 0) throws(SpeechCommandsError) -> SpeechCommands {
        let root: String
        do { root = try BundledData.speechCommandsDirectory() } catch { throw .bundledDataNotFound(error) }
        return try load(root: root, silenceClips: silenceClips, seed: seed)
    }

    /// The silence clips described in the type's documentation.
    private static func silence(count: Int, root: String, seed: UInt64) throws(SpeechCommandsError) -> [[Int16]] {
        guard count > 0 else { return [] }
        var generator = SeededGenerator(seed: seed)
        let noiseFolder = (root as NSString).appendingPathComponent("_background_noise_")
        let noiseNames = ((try? FileManager.default.contentsOfDirectory(atPath: noiseFolder)) ?? [])
            .filter { $0.hasSuffix(".wav") }.sorted()
        var noises: [[Int16]] = []
        for name in noiseNames {
            let path = (noiseFolder as NSString).appendingPathComponent(name)
            do {
                let samples = try WAVAudio(contentsOf: path, sampleRate: LogMelFrontEnd.sampleRate).samples
                if samples.count >= LogMelFrontEnd.clipSamples { noises.append(samples) }
            } catch { throw .wav(error) }
        }
        let length = LogMelFrontEnd.clipSamples
        return (0..<count).map { _ in
            if !noises.isEmpty {
                let source = noises[generator.nextInt(below: noises.count)]
                let start = generator.nextInt(below: source.count - length + 1)
                let volume = generator.nextFloat(in: 0...0.1)
                return source[start..<(start + length)].map { Int16((Float($0) * volume).rounded()) }
            }
            let deviation = generator.nextFloat(in: 0...0.01) * 32768
            return (0..<length).map { _ in Int16(Swift.max(-32768, Swift.min(32767, (generator.nextNormal() * deviation).rounded()))) }
        }
    }
}
