import SwiftletData
import SwiftletNN
import SwiftletTensor

extension LocalTrainer {
    /// Trains the model from `instruction.parameters` on `trainingSet` as the config says, and returns it.
    ///
    /// Steps: parse the config into a ``LocalTrainingPlan``; check the parameters (and, for SCAFFOLD, the
    /// server control variate) against the model's layout and for NaN/∞; load them; optionally measure
    /// ``MetricKey/initialLoss``; train with a fresh optimizer, plus ``ProximalTerm`` when `proximal-mu` > 0
    /// and ``ControlVariateTerm`` when `scaffold` is set; check the result is finite.
    ///
    /// SCAFFOLD, option II of Karimireddy et al., "SCAFFOLD: Stochastic Controlled Averaging for Federated
    /// Learning" (ICML 2020), eq. 4: with server variate c, client variate c_i, received model x, trained
    /// model y, K local steps and learning rate η, `c_i⁺ = c_i − c + (x − y) / (K η)`. The result carries
    /// `Δc = c_i⁺ − c_i` as auxiliary ``AuxiliaryKey/scaffoldControlDelta`` and `controlVariate` becomes c_i⁺
    /// (`nil` stands for zeros, so clients of other strategies keep nothing). The formula assumes plain SGD;
    /// with momentum or Adam it is applied as written.
    ///
    /// - Parameters:
    ///   - seed: the client's shuffling seed, used when the config has no ``FitConfigKey/seed``.
    ///
    /// - Returns: the full trained parameters, the training set's size, and metrics ``MetricKey/loss`` and
    ///   ``MetricKey/accuracy`` (sample-weighted over the last pass over the data, partial when
    ///   ``FitConfigKey/localSteps`` ends mid-pass) and ``MetricKey/steps``.
    /// - Throws: ``ClientError``; on any error the model's parameters and c_i are as before the call.
    public func fit(_ instruction: FitInstruction, trainingSet: LabeledDataset, seed: UInt64,
                    controlVariate: inout [Float]?) throws(ClientError) -> FitResult {
        let plan: LocalTrainingPlan
        do { plan = try LocalTrainingPlan(config: instruction.config) } catch { throw .invalidConfig(error) }
        try check(instruction.parameters, record: "parameters")
        var serverControl: [Float]?
        if plan.scaffold {
            guard let control = instruction.auxiliary[AuxiliaryKey.scaffoldControl] else {
                throw .missingAuxiliary(AuxiliaryKey.scaffoldControl)
            }
            try check(control, record: AuxiliaryKey.scaffoldControl)
            serverControl = control.values
        }
        let saved = model.parameterVector
        do throws(ClientError) {
            let clientControl = serverControl == nil ? nil : controlVariate ?? [Float](repeating: 0, count: model.parameterCount)
            let (result, newControl) = try train(instruction, plan: plan, trainingSet: trainingSet, seed: seed,
                                                 serverControl: serverControl, clientControl: clientControl)
            // Nothing can fail past this point, so c_i changes only together with a successful result.
            if let newControl { controlVariate = newControl }
            return result
        } catch {
            load(saved)
            throw error
        }
    }

    /// The body of ``fit(_:)`` after validation; the caller restores the model if it throws.
    private func train(_ instruction: FitInstruction, plan: LocalTrainingPlan, trainingSet: LabeledDataset, seed: UInt64,
                       serverControl: [Float]?, clientControl: [Float]?) throws(ClientError) -> (FitResult, [Float]?) {
        let received = instruction.parameters.values
        load(received)
        var metrics = MetricRecord()
        if plan.reportInitialLoss {
            let (loss, _) = try measure(trainingSet, batchSize: plan.batchSize, failure: ClientError.trainingFailed)
            metrics[MetricKey.initialLoss] = .double(Double(loss))
        }
        let optimizer = plan.makeOptimizer()
        if plan.proximalMu > 0 {
            optimizer.gradientTerms.append(ProximalTerm(mu: Float(plan.proximalMu), anchor: received))
        }
        if let serverControl {
            optimizer.gradientTerms.append(ControlVariateTerm(server: serverControl, client: clientControl!))
        }
        var generator = Self.shuffleGenerator(plan: plan, seed: seed, round: instruction.round)
        let (steps, last) = try runSteps(plan: plan, trainingSet: trainingSet, optimizer: optimizer, generator: &generator)
        let trained = model.parameterVector
        // Steps check gradients, not the parameters they produce: a huge rate can still step to infinity.
        let finite = trained.withUnsafeBufferPointer { $0.isEmpty || Kernels.allFinite($0.baseAddress!, count: $0.count) }
        if !finite, let bad = trained.firstIndex(where: { !$0.isFinite }) {
            let (layer, tensor, index) = model.locate(parameterIndex: bad)
            throw .trainingFailed(.nonFiniteParameter(layer: layer, tensor: tensor, index: index))
        }

        var auxiliary: [String: ArrayRecord] = [:]
        var newControl: [Float]?
        if let serverControl {
            let (updated, delta) = Self.scaffoldControlUpdate(client: clientControl!, server: serverControl, received: received,
                                                              trained: trained, steps: steps, learningRate: plan.learningRate)
            try checkFinite(delta, record: AuxiliaryKey.scaffoldControlDelta)
            try checkFinite(updated, record: "client control variate")
            auxiliary[AuxiliaryKey.scaffoldControlDelta] = try! instruction.parameters.with(values: delta)
            newControl = updated
        }
        metrics[MetricKey.loss] = .double(Double(last.loss))
        metrics[MetricKey.accuracy] = .double(Double(last.accuracy))
        metrics[MetricKey.steps] = .int(Int64(steps))
        return (FitResult(parameters: try! instruction.parameters.with(values: trained), exampleCount: trainingSet.count,
                          metrics: metrics, auxiliary: auxiliary), newControl)
    }

    /// SCAFFOLD option II's control-variate update: `c_i⁺ = c_i − c + (x − y) / (K η)` and `Δc = c_i⁺ − c_i`.
    ///
    /// Karimireddy et al., ICML 2020, Algorithm 1 line 12, option II. Pure; all vectors have the model's length.
    static func scaffoldControlUpdate(client: [Float], server: [Float], received: [Float], trained: [Float],
                                      steps: Int, learningRate: Double) -> (updated: [Float], delta: [Float]) {
        let denominator = Float(Double(steps) * learningRate)
        var updated = [Float](repeating: 0, count: client.count)
        var delta = [Float](repeating: 0, count: client.count)
        for i in client.indices {
            updated[i] = client[i] - server[i] + (received[i] - trained[i]) / denominator
            delta[i] = updated[i] - client[i]
        }
        return (updated, delta)
    }

    /// The round's shuffle generator: the config's seed (else the client's), split by the round, so each
    /// round draws its own batch order and the same seed and round draw the same one.
    static func shuffleGenerator(plan: LocalTrainingPlan, seed: UInt64, round: Int) -> SeededGenerator {
        let base = plan.seed.map { UInt64(bitPattern: Int64($0)) } ?? seed
        return SeededGenerator(seed: base).split(stream: UInt64(bitPattern: Int64(round)))
    }

    /// Runs the plan's K local steps: whole epochs through ``Sequential/fit(features:labels:epochs:batchSize:optimizer:generator:)``,
    /// then, when ``LocalTrainingPlan/steps`` ends mid-epoch, a partial pass over a random `r × batch` samples
    /// (drawn without replacement), which ``Sequential`` trains as exactly r further batches.
    ///
    /// - Returns: K and the last pass's mean loss and accuracy.
    private func runSteps(plan: LocalTrainingPlan, trainingSet: LabeledDataset, optimizer: some Optimizer,
                          generator: inout SeededGenerator) throws(ClientError) -> (steps: Int, last: EpochResult) {
        let count = trainingSet.count
        let perEpoch = plan.stepsPerEpoch(sampleCount: count)
        let total = plan.totalSteps(sampleCount: count)
        let (fullEpochs, remainder) = total.quotientAndRemainder(dividingBy: perEpoch)
        var last: EpochResult?
        do {
            if fullEpochs > 0 {
                last = try model.fit(features: trainingSet.features, labels: trainingSet.labels, epochs: fullEpochs,
                                     batchSize: plan.batchSize, optimizer: optimizer, generator: &generator).last
            }
            if remainder > 0 {
                var order = Array(0..<count)
                Self.shuffle(&order, generator: &generator)
                let part = trainingSet.subset(order[0..<(remainder * plan.batchSize)])
                last = try model.fit(features: part.features, labels: part.labels, epochs: 1,
                                     batchSize: plan.batchSize, optimizer: optimizer, generator: &generator).last
            }
        } catch {
            throw .trainingFailed(error)
        }
        return (total, last!)
    }

    /// Fisher–Yates over sample indices, drawing as ``SeededGenerator/shuffle(_:)`` does; written out over a
    /// buffer because the generic method, called across modules, is not specialised and allocates per swap.
    static func shuffle(_ order: inout [Int], generator: inout SeededGenerator) {
        order.withUnsafeMutableBufferPointer { buffer in
            guard buffer.count > 1 else { return }
            for i in stride(from: buffer.count - 1, to: 0, by: -1) {
                let j = generator.nextInt(below: i + 1)
                if i != j { buffer.swapAt(i, j) }
            }
        }
    }
}
