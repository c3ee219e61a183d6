import SwiftletTensor

/// Seeded damage to valid encodings, for checking that the wire readers refuse and accept what SwiftProtobuf
/// refuses and accepts.
enum WireFuzz {
    /// `count` damaged copies of `bytes`: a flipped byte, a cut, a dropped or inserted byte, chosen by `seed`.
    static func variants(of bytes: [UInt8], count: Int, seed: UInt64) -> [[UInt8]] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            var copy = bytes
            guard !copy.isEmpty else { return [UInt8.random(in: 0...255, using: &generator)] }
            // Damage near the start most of the time: that is where the tags and lengths are.
            let reach = min(copy.count, 48)
            let index = Bool.random(using: &generator) ? Int.random(in: 0..<reach, using: &generator)
                                                       : Int.random(in: 0..<copy.count, using: &generator)
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: copy[index] ^= UInt8.random(in: 1...255, using: &generator)
            case 1: copy.removeSubrange(index...)
            case 2: copy.remove(at: index)
            default: copy.insert(UInt8.random(in: 0...255, using: &generator), at: index)
            }
            return copy
        }
    }
}
