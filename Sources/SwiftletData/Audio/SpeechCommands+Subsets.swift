import Foundation

extension SpeechCommands {
    /// The dataset's official train / validation / test assignment of a clip.
    public enum Subset: String, Sendable, CaseIterable {
        /// Clips named in neither list.
        case training
        /// Clips named in `validation_list.txt`.
        case validation
        /// Clips named in `testing_list.txt`.
        case testing
    }

    /// The samples of one subset, in their original order (features, labels, speakers, files and subsets alike).
    ///
    /// Keeping whole speakers in one subset is what the official lists guarantee (they hash the speaker id), so
    /// a model tested on ``Subset/testing`` has never heard those speakers.
    public func subset(_ which: Subset) -> SpeechCommands {
        let indices = subsets.indices.filter { subsets[$0] == which }
        return SpeechCommands(dataset: dataset.subset(indices), speakers: indices.map { speakers[$0] },
                              files: indices.map { files[$0] }, subsets: indices.map { subsets[$0] })
    }

    /// Assigns clips by the official lists in `root`, if present, and silence clips by their index.
    ///
    /// A list names clips as `<word>/<file>.wav`, one per line; a missing list assigns nothing. Synthetic silence
    /// clip i goes to validation when `i % 10 == 8`, to testing when `i % 10 == 9`, else to training — the
    /// 80/10/10 proportions of the official split, so every subset gets silence once there are 10 clips.
    static func subsets(of files: [String], root: String) -> [Subset] {
        func list(_ name: String) -> Set<Substring> {
            let path = (root as NSString).appendingPathComponent(name)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
            return Set(text.split(whereSeparator: \.isNewline))
        }
        let validation = list("validation_list.txt"), testing = list("testing_list.txt")
        var silenceIndex = 0
        return files.map { file in
            if file.hasPrefix("_silence_/") {
                defer { silenceIndex += 1 }
                return silenceIndex % 10 == 8 ? .validation : silenceIndex % 10 == 9 ? .testing : .training
            }
            let name = Substring(file)
            return testing.contains(name) ? .testing : validation.contains(name) ? .validation : .training
        }
    }
}
