import SwiftletTensor

/// Keeps `k` positions drawn uniformly at random from a seed sent in the header (`randk:<fraction>`): the
/// positions cost 8 bytes in all, not an index each.
///
/// Random-k is the unbiased-mask baseline of Stich, Cordonnier and Jaggi ("Sparsified SGD with Memory",
/// NeurIPS 2018; used there with memory, as ``ErrorFeedback`` provides) and of Konečný et al.'s random-mask
/// structured updates ("Federated Learning: Strategies for Improving Communication Efficiency", 2016). Kept
/// values are sent unscaled: with error feedback the dropped mass is carried to the next round instead.
/// The positions are Floyd's algorithm for a random k-subset (Bentley & Floyd, CACM 1987) over a
/// ``SwiftletTensor/SeededGenerator``, sorted — the receiver regenerates them from the seed.
enum RandomKSparsifier {
    /// The sorted positions of a uniformly random `k`-subset of `0..<count` for `seed`.
    static func positions(count: Int, k: Int, seed: UInt64) -> [Int] {
        guard k < count else { return Array(0..<count) }
        var generator = SeededGenerator(seed: seed)
        var chosen = Set<Int>(minimumCapacity: k)
        for j in (count - k)..<count {
            let t = generator.nextInt(below: j + 1)
            if !chosen.insert(t).inserted { chosen.insert(j) }
        }
        return chosen.sorted()
    }
}
