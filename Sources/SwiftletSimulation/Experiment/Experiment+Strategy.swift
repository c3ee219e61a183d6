import SwiftletData
import SwiftletFederated
import SwiftletNN

extension Experiment {
    /// The configured strategy: sampling `per-round` of the clients (at least that many, waiting for that many
    /// to be available), the `[client]` fit config, central evaluation on `test` with a model of the same
    /// architecture, and initial parameters from the model built with the seed.
    static func makeStrategy(_ config: SimulationConfig, initial: Sequential, test: LabeledDataset, shape: [Int],
                             classes: Int) throws(ExperimentError) -> any Strategy {
        let s = config.server, c = config.client
        let clients = config.partition.clients
        let fraction = Double(s.perRound) / Double(clients)
        var fit: ConfigRecord = [
            FitConfigKey.batchSize: .int(Int64(c.batchSize)),
            FitConfigKey.learningRate: .double(c.learningRate),
            FitConfigKey.momentum: .double(c.momentum),
            FitConfigKey.weightDecay: .double(c.weightDecay),
            FitConfigKey.optimizer: .string(c.optimizer.rawValue),
        ]
        if c.localSteps > 0 {
            fit[FitConfigKey.localSteps] = .int(Int64(c.localSteps))
        } else {
            fit[FitConfigKey.localEpochs] = .int(Int64(c.localEpochs))
        }
        let fitConfig = fit
        var central: CentralEvaluator?
        if s.evaluateEvery > 0 {
            guard test.count > 0 else {
                throw .dataset(file: config.data.testPath.isEmpty ? config.data.dataset.rawValue : config.data.testPath,
                               reason: "has no test samples for central evaluation (server.evaluate-every = \(s.evaluateEvery))")
            }
            let evaluator: ModelClient
            do {
                // Central evaluation runs between rounds, when no device trains: it may use every core
                // (kernels give the same results whatever the thread count).
                let model = try Sequential(preset: config.model.preset, inputShape: shape, classCount: classes, seed: config.seed,
                                           pool: .allCores)
                evaluator = try ModelClient(model: model, training: test)
            } catch {
                throw .dataset(file: "test set", reason: "\(error)")
            }
            central = { round, parameters in
                let result = try await evaluator.evaluate(EvaluateInstruction(round: round, parameters: parameters,
                                                                               config: [FitConfigKey.batchSize: 500]))
                return Evaluation(loss: result.loss, metrics: result.metrics)
            }
        }
        let options = StrategyOptions(
            fitSampling: SamplingPolicy(fraction: fraction, minimum: s.perRound, minimumAvailable: s.perRound),
            evaluateSampling: SamplingPolicy(fraction: fraction, minimum: 1, minimumAvailable: 1),
            fitConfig: { _ in fitConfig }, centralEvaluation: central, initialParameters: ArrayRecord(model: initial))
        do {
            return try config.strategy.make(options: options, clients: clients, perRound: s.perRound)
        } catch {
            throw .strategy(key: "strategy", reason: "\(config.strategy.name.rawValue): \(error)")
        }
    }

    /// The CLI header paragraph.
    static func describe(_ config: SimulationConfig, data: ExperimentData, clients: Int, parameters: Int,
                         assignment: [Int]) -> String {
        let p = config.partition
        let samples = data.synthetic == nil ? "\(data.train.count) training samples" : "generated samples"
        let scheme = switch p.scheme {
        case .shards: "shards, \(p.shardsPerClient) per client"
        case .dirichlet: "Dirichlet α = \(p.alpha)"
        case .quantitySkew: "quantity skew, \(p.sizes.rawValue)"
        case .iid, .natural: p.scheme.rawValue
        }
        var counts = [Int](repeating: 0, count: config.fleet.count)
        for group in assignment { counts[group] += 1 }
        let fleet = config.fleet.enumerated().map { i, g in "\(counts[i]) \(g.profile.rawValue) on \(g.link.rawValue)" }
        return "\(config.data.dataset.rawValue) from \(data.source): \(samples) (sample shape \(data.sampleShape), "
            + "\(data.classCount) classes), \(data.test.count) test; \(clients) clients (\(scheme)); "
            + "model \(config.model.preset.rawValue) with \(parameters) parameters; strategy \(config.strategy.name.rawValue), "
            + "\(config.server.perRound) clients per round for \(config.rounds) rounds; fleet: \(fleet.joined(separator: ", ")); "
            + "seed \(config.seed)."
    }
}
