import Testing
import SwiftletTensor
@testable import SwiftletNN

/// Byte figures below are worked out by hand from the planning rules in `ExecutionPlan`: an activation is
/// kept when a backward pass reads it (Dense reads its input only if its weight trains, ReLU reads its
/// output only if its input gradient is needed) and the model output is always kept; other activations
/// share two ping-pong buffers of the largest such size; activation gradients use two buffers sized to the
/// largest activation from the first backward layer's output on. Floats are 4 bytes; batch capacity is 2.
/// Workspace is not asserted: it depends on the GEMM kernel's packing scratch.
@Suite struct TrainableMaskTests {
    /// 4 → fc1(8) → ReLU → fc2(3): 40 + 27 = 67 parameters.
    func smallMLP() throws -> Sequential {
        try Sequential(inputShape: [4], layers: [Dense(8, name: "fc1"), ReLU(name: "relu"), Dense(3, name: "fc2")], seed: 1)
    }

    /// 4 → fc1(8) → ReLU → fc2(8) → fc3(3): 40 + 72 + 27 = 139 parameters.
    func deeperMLP() throws -> Sequential {
        try Sequential(inputShape: [4], layers: [Dense(8, name: "fc1"), ReLU(name: "relu"), Dense(8, name: "fc2"),
                                                  Dense(3, name: "fc3")], seed: 1)
    }

    func train(_ model: Sequential, steps: Int, optimizer: some Optimizer) throws {
        let x: [Float] = [0.5, -1, 0.25, 2, -0.5, 1, 1.5, -2]
        let y: [Int32] = [2, 0]
        try x.withUnsafeBufferPointer { xp in
            try y.withUnsafeBufferPointer { yp in
                for _ in 0..<steps {
                    _ = try model.trainStep(input: xp, targets: yp, batchSize: 2, loss: SoftmaxCrossEntropy(), optimizer: optimizer)
                }
            }
        }
    }

    @Test func frozenLayerKeepsItsParametersAndHasNoGradientStorage() throws {
        let model = try smallMLP()
        try model.applyMask(.freezing(["fc1"]))
        #expect(model.trainableParameterCount == 27)
        #expect(model.segments == [ParameterSegment(parameterOffset: 40, gradientOffset: 0, count: 27, layer: "fc2")])
        let before = model.parameterVector
        try train(model, steps: 5, optimizer: Adam(learningRate: 0.05))
        let after = model.parameterVector
        #expect(Array(after[0..<40]) == Array(before[0..<40]))
        #expect(Array(after[40...]) != Array(before[40...]))
    }

    @Test func biasesOnlyTrainsOnlyBiases() throws {
        let model = try smallMLP()
        try model.applyMask(.biasesOnly)
        let before = model.parameterVector
        try train(model, steps: 3, optimizer: SGD(learningRate: 0.5))
        let after = model.parameterVector
        // fc1.weight 0..<32, fc1.bias 32..<40, fc2.weight 40..<64, fc2.bias 64..<67.
        #expect(Array(after[0..<32]) == Array(before[0..<32]))
        #expect(Array(after[40..<64]) == Array(before[40..<64]))
        #expect(Array(after[64..<67]) != Array(before[64..<67]))
        #expect(model.trainableParameterCount == 11)
    }

    @Test func fullTrainingMemoryOfSmallMLP() throws {
        let report = try smallMLP().memoryReport(batchSize: 2, optimizer: Adam())
        #expect(report.parameters == 67 * 4)
        #expect(report.gradients == 67 * 4)
        #expect(report.optimizerState == 2 * 67 * 4)
        // Kept: ReLU output (= fc2 input) 2·8 and the logits 2·3; fc1's input is the caller's buffer.
        #expect(report.activations == (16 + 6) * 4)
        // Ping-pong for fc1's output 2 × 2·8; activation gradients 2 × 2·8.
        #expect(report.transient == (2 * 16 + 2 * 16) * 4)
    }

    @Test func biasesOnlyShrinksGradientAndOptimizerMemoryOfSmallMLP() throws {
        let model = try smallMLP()
        try model.applyMask(.biasesOnly)
        let report = model.memoryReport(batchSize: 2, optimizer: Adam())
        #expect(report.parameters == 67 * 4)
        #expect(report.gradients == 11 * 4)
        #expect(report.optimizerState == 2 * 11 * 4)
        // ReLU still reads its output to route fc1's bias gradient, and that output is fc2's input: no saving here.
        #expect(report.activations == (16 + 6) * 4)
        #expect(report.transient == (2 * 16 + 2 * 16) * 4)
    }

    @Test func lastLayerShrinksGradientOptimizerAndTransientMemoryOfSmallMLP() throws {
        let model = try smallMLP()
        try model.applyMask(.lastLayers(1))
        let report = model.memoryReport(batchSize: 2, optimizer: Adam())
        #expect(report.gradients == 27 * 4)
        #expect(report.optimizerState == 2 * 27 * 4)
        #expect(report.activations == (16 + 6) * 4)
        // Only the logits' gradient flows: 2 × 2·3 instead of 2 × 2·8.
        #expect(report.transient == (2 * 16 + 2 * 6) * 4)
    }

    @Test func fullTrainingMemoryOfDeeperMLP() throws {
        let report = try deeperMLP().memoryReport(batchSize: 2, optimizer: Adam())
        #expect(report.gradients == 139 * 4)
        #expect(report.optimizerState == 2 * 139 * 4)
        // Kept: ReLU output (fc2 input) 16, fc2 output (fc3 input) 16, logits 6.
        #expect(report.activations == (16 + 16 + 6) * 4)
        #expect(report.transient == (2 * 16 + 2 * 16) * 4)
    }

    @Test func biasesOnlyShrinksActivationMemoryOfDeeperMLP() throws {
        let model = try deeperMLP()
        try model.applyMask(.biasesOnly)
        let report = model.memoryReport(batchSize: 2, optimizer: Adam())
        #expect(report.gradients == (8 + 8 + 3) * 4)
        #expect(report.optimizerState == 2 * 19 * 4)
        // fc3's weight is frozen, so fc2's output is no longer kept: ReLU output 16 and logits 6.
        #expect(report.activations == (16 + 6) * 4)
        #expect(report.transient == (2 * 16 + 2 * 16) * 4)
    }

    @Test func lastLayerShrinksActivationMemoryOfDeeperMLP() throws {
        let model = try deeperMLP()
        try model.applyMask(.lastLayers(1))
        let report = model.memoryReport(batchSize: 2, optimizer: Adam())
        #expect(report.gradients == 27 * 4)
        #expect(report.optimizerState == 2 * 27 * 4)
        // Only fc3 runs backward: its input 16 and the logits 6; nothing before it is kept.
        #expect(report.activations == (16 + 6) * 4)
        #expect(report.transient == (2 * 16 + 2 * 6) * 4)
    }

    @Test func frozenLayerHasNoGradientMemory() throws {
        let model = try smallMLP()
        try model.applyMask(.freezing(["fc1"]))
        let report = model.memoryReport(batchSize: 2, optimizer: SGD(learningRate: 0.1, momentum: 0.9))
        #expect(report.gradients == 27 * 4)
        #expect(report.optimizerState == 27 * 4)
    }

    @Test func unknownLayerNameThrowsAndKeepsTheMask() throws {
        let model = try smallMLP()
        #expect(throws: ModelError.unknownLayer("fc9")) { try model.applyMask(.freezing(["fc9"])) }
        #expect(throws: ModelError.unknownLayer("conv1")) { try model.applyMask(.only(["fc1", "conv1"])) }
        #expect(model.trainableMask == .all)
        #expect(model.trainableParameterCount == 67)
    }

    @Test func reportDoesNotDisturbAPlannedModel() throws {
        // Reporting at another batch size must leave training at the planned capacity working.
        let model = try smallMLP()
        try train(model, steps: 1, optimizer: SGD(learningRate: 0.1))
        _ = model.memoryReport(batchSize: 64)
        let before = model.parameterVector
        try train(model, steps: 1, optimizer: SGD(learningRate: 0.1))
        #expect(model.parameterVector != before)
        #expect(model.plan?.capacity == 2)
    }
}

@Suite struct EmptyModelTests {
    @Test func modelWithoutLayersPlansAndPassesInputThrough() throws {
        // Planning used to trap on the range 1...0 when a model had no layers.
        let model = try Sequential(inputShape: [3], layers: [])
        let input: [Float] = [1, -2, 3]
        let output = try input.withUnsafeBufferPointer { try Array(model.forward($0, batchSize: 1)) }
        #expect(output == input)
        #expect(model.memoryReport(batchSize: 2).gradients == 0)
    }
}

@Suite struct WorkspacePlanningTests {
    @Test func workspaceIsPlannedPerThread() throws {
        // Layers state workspace per thread and ComputePool gives each part its own slice, so the plan
        // must multiply by the thread count (it used to allocate one thread's share).
        func model(_ pool: ComputePool) throws -> Sequential {
            try Sequential(inputShape: [4], layers: [Dense(8, name: "fc1"), ReLU(name: "relu"), Dense(3, name: "fc2")], pool: pool)
        }
        let serial = try model(.serial).memoryReport(batchSize: 2).workspace
        let four = try model(ComputePool(threads: 4)).memoryReport(batchSize: 2).workspace
        #expect(serial > 0)
        #expect(four == 4 * serial)
    }

    @Test func changingThePoolReplansTheWorkspace() throws {
        let model = try Sequential(inputShape: [4], layers: [Dense(8, name: "fc1")])
        model.plan(capacity: 2)
        let serialBytes = try #require(model.plan).layout.workspaceBytes
        model.pool = ComputePool(threads: 3)
        #expect(model.plan?.layout.workspaceBytes == 3 * serialBytes)
        #expect(model.plan?.capacity == 2)
    }
}
