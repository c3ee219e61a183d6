import SwiftletData
import SwiftletFederated
import SwiftletNN
import SwiftletTensor

/// A small 3-class problem in 4-D and a Dense–ReLU–Dense model for the runtime's tests.
enum RuntimeTestData {
    /// 240 samples: class c centred at 2·e_c, unit noise, drawn from a fixed seed.
    static let pooled: LabeledDataset = {
        var generator = SeededGenerator(seed: 11)
        var features: [Float] = []
        var labels: [Int32] = []
        for i in 0..<240 {
            let label = i % 3
            for d in 0..<4 { features.append((d == label ? 2 : 0) + generator.nextNormal()) }
            labels.append(Int32(label))
        }
        return try! LabeledDataset(sampleShape: [4], features: features, labels: labels, classCount: 3)
    }()

    /// The model every client and worker uses (weights from `seed`).
    static func model(seed: UInt64 = 3) -> Sequential {
        try! Sequential(inputShape: [4], layers: [Dense(8, name: "fc1"), ReLU(name: "relu"), Dense(3, name: "fc2")], seed: seed)
    }

    /// Client `k`'s indices among `clients` clients: a contiguous block of the pooled set.
    static func indices(client k: Int, of clients: Int) -> [Int] {
        let size = pooled.count / clients
        return Array((k * size)..<((k + 1) * size))
    }

    static let config: ConfigRecord = [FitConfigKey.localEpochs: 2, FitConfigKey.batchSize: 5, FitConfigKey.learningRate: 0.1]

    static func instruction(round: Int = 1, config: ConfigRecord = RuntimeTestData.config) -> FitInstruction {
        FitInstruction(round: round, parameters: ArrayRecord(model: model()), config: config)
    }
}
