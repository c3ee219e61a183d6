import SwiftletTensor
import SwiftletNN
import SwiftletData
import SwiftletFederated

/// Small synthetic problems for the client tests: 2-feature, 2-class data and a logistic-regression model.
enum ClientTestData {
    /// Two Gaussian blobs (σ 0.6) centred on (−1, −1) for class 0 and (1, 1) for class 1, alternating labels.
    static func blobs(count: Int, seed: UInt64) -> LabeledDataset {
        var generator = SeededGenerator(seed: seed)
        var features: [Float] = []
        var labels: [Int32] = []
        for i in 0..<count {
            let label = Int32(i % 2)
            let centre: Float = label == 0 ? -1 : 1
            features.append(centre + 0.6 * generator.nextNormal())
            features.append(centre + 0.6 * generator.nextNormal())
            labels.append(label)
        }
        return try! LabeledDataset(sampleShape: [2], features: features, labels: labels, classCount: 2)
    }

    /// Four hand-picked samples for gradients worked out on paper (see the SCAFFOLD tests).
    static let handSamples = try! LabeledDataset(sampleShape: [2], features: [1, 2, 3, -1, -2, 1, 0, 4],
                                                 labels: [0, 1, 1, 1], classCount: 2)

    /// Logistic regression over 2 features and 2 classes: one `Dense` layer `fc` (weight [2, 2], bias [2]).
    static func model(seed: UInt64 = 1, pool: ComputePool = .serial) -> Sequential {
        try! Sequential(inputShape: [2], layers: [Dense(2, name: "fc")], seed: seed, pool: pool)
    }

    /// The model's layout with the given six values (weight row-major, then bias).
    static func record(_ values: [Float]) -> ArrayRecord {
        try! ArrayRecord(specs: [ArraySpec(name: "fc.weight", shape: [2, 2]), ArraySpec(name: "fc.bias", shape: [2])],
                         values: values)
    }

    /// A client over `count` blob samples with a fresh model.
    static func client(count: Int = 50, seed: UInt64 = 7, modelSeed: UInt64 = 1, pool: ComputePool = .serial,
                       test: LabeledDataset? = nil) -> ModelClient {
        try! ModelClient(model: model(seed: modelSeed, pool: pool), training: blobs(count: count, seed: 3), test: test, seed: seed)
    }

    /// Euclidean distance between two vectors.
    static func distance(_ a: [Float], _ b: [Float]) -> Double {
        zip(a, b).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) }.squareRoot()
    }

    /// The parameters of a fit result that carries plain arrays.
    static func parameters(of result: FitResult) -> ArrayRecord {
        guard case .arrays(let arrays) = result.payload else { fatalError("ModelClient returned an encoded payload") }
        return arrays
    }
}
