import SwiftletTensor

/// `rows` random rows of `width` values from a fixed seed: the shared problem of the thread-count tests.
func randomRows(_ rows: Int, _ width: Int, seed: UInt64) -> [[Float]] {
    var generator = SeededGenerator(seed: seed)
    return (0..<rows).map { _ in (0..<width).map { _ in generator.nextNormal() } }
}

/// The values of coordinate `c` across `rows`, sorted: the independent reference for coordinate-wise rules.
func sortedColumn(_ rows: [[Float]], _ c: Int) -> [Float] {
    rows.map { $0[c] }.sorted()
}
