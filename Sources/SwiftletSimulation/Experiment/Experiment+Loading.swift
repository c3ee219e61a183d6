import SwiftletData
import SwiftletTensor

extension Experiment {
    /// Loads the configured dataset, limited and with its test set, wrapping every loader error with the file.
    static func load(_ config: SimulationConfig) throws(ExperimentError) -> ExperimentData {
        let d = config.data
        var data: ExperimentData
        do {
            data = try loadUnlimited(config)
        } catch let error as ExperimentError {
            throw error
        } catch {
            throw .dataset(file: d.path.isEmpty ? "bundled \(d.dataset.rawValue)" : d.path, reason: "\(error)")
        }
        data.limit(train: d.trainLimit, test: d.testLimit)
        if data.synthetic == nil, data.train.count == 0 {
            throw .dataset(file: data.source, reason: "holds no training samples")
        }
        return data
    }

    /// Per-dataset loading; errors are the loaders' own (they name the file, user and sample).
    private static func loadUnlimited(_ config: SimulationConfig) throws -> ExperimentData {
        let d = config.data
        let limit = d.trainLimit > 0 ? d.trainLimit : nil
        switch d.dataset {
        case .mnist:
            let directory = try d.path.isEmpty ? BundledData.mnistDirectory() : d.path
            return ExperimentData(train: try wrap(directory) { () throws(MNISTError) in try MNIST.load(.train, from: directory, limit: limit) },
                                  test: try wrap(directory) { () throws(MNISTError) in
                                      try MNIST.load(.test, from: directory, limit: d.testLimit > 0 ? d.testLimit : nil)
                                  },
                                  clientIDs: nil, synthetic: nil, source: d.path.isEmpty ? "bundled MNIST" : directory)
        case .femnist:
            let training: String, test: String?
            if d.path.isEmpty {
                let directory = try BundledData.femnistDirectory()
                training = directory + "/" + FEMNIST.bundledTrainingFile
                test = d.testPath.isEmpty ? directory + "/" + FEMNIST.bundledTestFile : d.testPath
            } else {
                training = d.path
                test = d.testPath.isEmpty ? nil : d.testPath
            }
            let federated = try wrap(training) { () throws(LEAFError) in try FEMNIST.load(training: training, test: test) }
            return ExperimentData(federated, seed: config.seed, source: d.path.isEmpty ? "bundled FEMNIST" : training)
        case .leaf:
            guard !d.path.isEmpty else { throw ExperimentError.dataset(file: "data.path", reason: "dataset \"leaf\" needs a training JSON file") }
            let test = d.testPath.isEmpty ? nil : d.testPath
            let federated = try wrap(d.path) { () throws(LEAFError) in try LEAF.load(training: d.path, test: test) }
            return ExperimentData(federated, seed: config.seed, source: d.path)
        case .shakespeare:
            let file = try d.path.isEmpty ? BundledData.shakespeareFile() : d.path
            let federated = try wrap(file) { () throws(TextCorpusError) in try Shakespeare.load(contentsOfFile: file) }
            return ExperimentData(federated, seed: config.seed, source: d.path.isEmpty ? "bundled tiny Shakespeare" : file)
        case .speechCommands:
            let root = try d.path.isEmpty ? BundledData.speechCommandsDirectory() : d.path
            let all = try wrap(root) { () throws(SpeechCommandsError) in try SpeechCommands.load(root: root, seed: config.seed) }
            let training = all.subset(.training)
            let ids = try Partitioner.naturalID(ids: training.speakers)
            var clientIDs = [Int](repeating: 0, count: training.dataset.count)
            for (client, part) in ids.enumerated() { for index in part { clientIDs[index] = client } }
            return ExperimentData(train: training.dataset, test: all.subset(.testing).dataset, clientIDs: clientIDs,
                                  synthetic: nil, source: d.path.isEmpty ? "bundled Speech Commands subset" : root)
        case .digits:
            let file = try d.path.isEmpty ? BundledData.digitsFile() : d.path
            let options = CSVOptions(label: .last, header: .absent, sampleShape: Digits.sampleShape,
                                     classCount: Digits.classCount, featureScale: 1.0 / 16)
            let all = try wrap(file) { () throws(CSVError) in try CSVDataset.load(contentsOfFile: file, options: options) }
            return ExperimentData.holdOut(all.dataset, clientIDs: nil, seed: config.seed,
                                          source: d.path.isEmpty ? "bundled digits" : file)
        case .csv:
            guard !d.path.isEmpty else { throw ExperimentError.dataset(file: "data.path", reason: "dataset \"csv\" needs a CSV file") }
            let options = CSVOptions(label: .name(d.labelColumn), clientID: d.clientColumn.isEmpty ? nil : .name(d.clientColumn),
                                     header: .present)
            let all = try wrap(d.path) { () throws(CSVError) in try CSVDataset.load(contentsOfFile: d.path, options: options) }
            let ids = try all.clientIDs.map { (ids) throws(PartitionError) in try naturalIndices(ids) }
            guard !d.testPath.isEmpty else { return ExperimentData.holdOut(all.dataset, clientIDs: ids, seed: config.seed, source: d.path) }
            var testOptions = options
            testOptions.clientID = nil
            testOptions.classCount = all.dataset.classCount
            let test = try wrap(d.testPath) { () throws(CSVError) in try CSVDataset.load(contentsOfFile: d.testPath, options: testOptions) }
            guard test.dataset.sampleShape == all.dataset.sampleShape else {
                throw ExperimentError.dataset(file: d.testPath, reason: "has \(test.dataset.sampleSize) features, the training file \(all.dataset.sampleSize)")
            }
            return ExperimentData(train: all.dataset, test: test.dataset, clientIDs: ids, synthetic: nil, source: d.path)
        case .synthetic:
            return try synthetic(config)
        }
    }

    /// Each sample's client as the index of its id's first appearance.
    private static func naturalIndices(_ ids: [String]) throws(PartitionError) -> [Int] {
        var result = [Int](repeating: 0, count: ids.count)
        for (client, part) in try Partitioner.naturalID(ids: ids).enumerated() { for index in part { result[index] = client } }
        return result
    }

    /// Runs a loader, turning its error into ``ExperimentError/dataset(file:reason:)`` naming `file`.
    private static func wrap<T, E: Error>(_ file: String, _ body: () throws(E) -> T) throws(ExperimentError) -> T {
        do {
            return try body()
        } catch {
            let message = "\(error)"
            throw .dataset(file: file, reason: message)
        }
    }
}
