import SwiftletFederated
import SwiftletNN
import SwiftletTensor

extension AggregationBenchmark {
    /// A node that answers at once with a fixed update: the benchmark measures the server, not training.
    struct ReadyClient: Client {
        let update: ArrayRecord
        let exampleCount: Int

        func parameters(config: ConfigRecord) -> ArrayRecord { update }
        func fit(_ instruction: FitInstruction) -> FitResult { FitResult(parameters: update, exampleCount: exampleCount) }
        func evaluate(_ instruction: EvaluateInstruction) -> EvaluateResult { EvaluateResult(loss: 0, exampleCount: 1) }
    }

    /// One whole FedAvg round through ``RoundEngine`` with `updates` in-process nodes, as a server runs it:
    /// sampling, dispatch under a deadline, validation of every update (layout, NaN/Inf, counts), ordered
    /// streaming aggregation, finishing. Nodes answer instantly with updates cycling through `vectors`, so the
    /// time is the server's. GB/s counts the updates' bytes, compared with `copy` at the same thread count.
    func measureEngineRound(global: ArrayRecord, vectors: [[Float]], threads: Int,
                            copy: AggregationMeasurement) async throws -> AggregationMeasurement {
        let pool = threads == 1 ? ComputePool.serial : ComputePool(threads: threads)
        let records = try vectors.map { try global.with(values: $0) }
        let options = StrategyOptions(fitSampling: SamplingPolicy(fraction: 1, minimum: updates, minimumAvailable: updates),
                                      initialParameters: global)
        let config = FederationConfig(rounds: 1, roundTimeout: .seconds(3600), onFailure: .stop, evaluateEvery: 0,
                                      centralEvaluateEvery: 0, seed: 1, ordering: .sampled, pool: pool)
        var times: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<min(repeats, 3) {
            let engine = RoundEngine(strategy: FedAvg(options: options), config: config)
            for i in 0..<updates {
                await engine.join(NodeID(UInt64(i + 1)),
                                  client: ReadyClient(update: records[i % records.count], exampleCount: 10 + (i * 37) % 500))
            }
            let started = clock.now
            let result = try await engine.run()
            times.append(started.duration(to: clock.now).seconds)
            guard result.history.records.first?.accepted.count == updates else {
                throw AggregationBenchmarkError.engineRoundIncomplete(accepted: result.history.records.first?.accepted.count ?? 0,
                                                                      expected: updates)
            }
        }
        return AggregationMeasurement(name: "FedAvg round", threads: pool.threadCount, updates: updates,
                                      parameters: global.count, bytesRead: updates * global.byteCount, times: times, copy: copy)
    }
}
