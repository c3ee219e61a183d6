import Testing
import SwiftletTensor
@testable import SwiftletFederated

@Suite struct QFedAvgAggregatorTests {
    static let count = 100_000

    /// Three updates of 100,000 parameters near a global model, from a seeded generator.
    static func vectors() -> (global: [Float], updates: [[Float]], losses: [Double]) {
        var generator = SeededGenerator(seed: 42)
        let global = (0..<count).map { _ in generator.nextFloat(in: -1...1) }
        let updates = (0..<3).map { _ in global.map { $0 + generator.nextFloat(in: -0.1...0.1) } }
        return (global, updates, [0.5, 1.5, 3])
    }

    static func step(pool: ComputePool) -> [Float] {
        let (global, updates, losses) = vectors()
        let aggregator = QFedAvgAggregator(global: global, q: 2, learningRate: 0.1, pool: pool)
        for (update, loss) in zip(updates, losses) { aggregator.add(update, loss: loss) }
        return aggregator.step()!
    }

    @Test func resultDoesNotDependOnThreadCount() {
        #expect(Self.step(pool: ComputePool(threads: 1)) == Self.step(pool: ComputePool(threads: 2)))
    }

    @Test func streamingMatchesTheDoubleReference() {
        let (global, updates, losses) = Self.vectors()
        let reference = Aggregation.qFedAvg(global: global, updates: updates, losses: losses, q: 2, learningRate: 0.1)
        let streamed = Self.step(pool: ComputePool(threads: 2))
        let worst = zip(streamed, reference).map { abs(Double($0) - $1) }.max()!
        #expect(worst < 1e-5)
    }
}
