import SwiftletFederated
import SwiftletNN
import Testing
@testable import SwiftletFleetProtocol

/// Arrays as a Flower app sends a PyTorch model (`[p.numpy() for p in model.parameters()]`, named "0", "1", …)
/// go into a Swiftlet model by position and shape, with PyTorch's layouts; the outputs are computed by hand.
@Suite struct FlowerLayoutTests {
    /// A float32 `.npy` array, as Flower serialises a NumPy array.
    func npy(_ shape: [Int], _ values: [Float]) throws -> FleetArray {
        FleetArray(dtype: "float32", shape: shape, stype: ArrayEncoding.npyStype,
                   data: try NpyArray(shape: shape, elements: .float32(values)).encoded)
    }

    /// Flower's list of arrays, named by position.
    func flowerList(_ arrays: [FleetArray]) -> FleetArrayRecord {
        FleetArrayRecord(arrays.enumerated().map { ("\($0.offset)", $0.element) })
    }

    /// Loads `record` into `model` through the mapping and runs one sample.
    func output(of model: Sequential, with record: FleetArrayRecord, input: [Float]) throws -> [Float] {
        let parameters = try record.swiftletRecord(expected: ArrayRecord.specs(of: model))
        try model.setParameters(parameters.values)
        return try input.withUnsafeBufferPointer { Array(try model.forward($0, batchSize: 1)) }
    }

    @Test func linearWeightIsOutByIn() throws {
        let model = try Sequential(inputShape: [3], layers: [Dense(2, name: "fc")])
        // nn.Linear(3, 2): weight [[1, 2, 3], [4, 5, 6]] (row = output), bias [0.5, -1].
        let record = flowerList([try npy([2, 3], [1, 2, 3, 4, 5, 6]), try npy([2], [0.5, -1])])
        // x = [1, 1, 2]: y0 = 1 + 2 + 6 + 0.5 = 9.5, y1 = 4 + 5 + 12 − 1 = 20.
        #expect(try output(of: model, with: record, input: [1, 1, 2]) == [9.5, 20])
    }

    @Test func convWeightIsOutInHeightWidth() throws {
        let model = try Sequential(inputShape: [1, 3, 3], layers: [Conv2D(outChannels: 2, kernelSize: 2, name: "conv")])
        // nn.Conv2d(1, 2, 2): filter 0 takes each window's top-left pixel, filter 1 its bottom-right; bias [0, 10].
        let record = flowerList([try npy([2, 1, 2, 2], [1, 0, 0, 0, 0, 0, 0, 1]), try npy([2], [0, 10])])
        // Image rows [1 2 3] [4 5 6] [7 8 9]; windows start at (0,0) (0,1) (1,0) (1,1).
        let expected: [Float] = [1, 2, 4, 5, 15, 16, 18, 19]
        #expect(try output(of: model, with: record, input: [1, 2, 3, 4, 5, 6, 7, 8, 9]) == expected)
    }

    @Test func convWeightRowsAreOutputChannelsAndColumnsInputChannels() throws {
        let model = try Sequential(inputShape: [2, 1, 1], layers: [Conv2D(outChannels: 2, kernelSize: 1, bias: false, name: "conv")])
        // weight[o][i] = [[1, 10], [100, 1000]]; input channels 1 and 2: out0 = 1 + 20, out1 = 100 + 2000.
        // (An [in, out] reading would give 201 and 2010.)
        let record = flowerList([try npy([2, 2, 1, 1], [1, 10, 100, 1000])])
        #expect(try output(of: model, with: record, input: [1, 2]) == [21, 2100])
    }

    @Test func aTransposedLinearWeightIsRefusedByName() throws {
        let model = try Sequential(inputShape: [3], layers: [Dense(2, name: "fc")])
        // A Keras-style [in, out] kernel.
        let record = flowerList([try npy([3, 2], [1, 2, 3, 4, 5, 6]), try npy([2], [0, 0])])
        #expect(throws: MappingError.arrayMismatch(index: 0, key: "0", reason: "shape [3, 2] differs from the expected [2, 3] of 'fc.weight'")) {
            try record.swiftletRecord(expected: ArrayRecord.specs(of: model))
        }
    }

    @Test func anExtraArrayIsRefusedByName() throws {
        let model = try Sequential(inputShape: [3], layers: [Dense(2, name: "fc")])
        let record = flowerList([try npy([2, 3], [1, 2, 3, 4, 5, 6]), try npy([2], [0, 0]), try npy([2], [0, 0])])
        #expect(throws: MappingError.arrayCountMismatch(record: "arrays", expected: 2, actual: 3,
                                                        unmatched: "array 2 ('2', shape [2]) has no model parameter")) {
            try record.swiftletRecord(expected: ArrayRecord.specs(of: model))
        }
    }

    @Test func aMissingArrayNamesTheModelParameter() throws {
        let model = try Sequential(inputShape: [3], layers: [Dense(2, name: "fc")])
        let record = flowerList([try npy([2, 3], [1, 2, 3, 4, 5, 6])])
        #expect(throws: MappingError.arrayCountMismatch(record: "arrays", expected: 2, actual: 1,
                                                        unmatched: "the model's 'fc.bias' (shape [2]) got no array")) {
            try record.swiftletRecord(expected: ArrayRecord.specs(of: model))
        }
    }

    @Test func aReplyNamesItsArraysAsTheInstructionDid() throws {
        let trained = try ArrayRecord(specs: [ArraySpec(name: "fc.weight", shape: [1, 2]), ArraySpec(name: "fc.bias", shape: [1])],
                                      values: [0.25, -0.5, 2])
        let reply = try FleetArrayRecord(trained, keys: ["0", "1"], encoding: .npy)
        #expect(reply.keys == ["0", "1"])
        #expect(reply["0"] == (try npy([1, 2], [0.25, -0.5])))
        #expect(reply["1"] == (try npy([1], [2])))
    }

    @Test func aReplyWithFewerNamesThanArraysIsRefused() throws {
        let trained = try ArrayRecord(specs: [ArraySpec(name: "fc.weight", shape: [1, 2]), ArraySpec(name: "fc.bias", shape: [1])],
                                      values: [0.25, -0.5, 2])
        #expect(throws: MappingError.arrayCountMismatch(record: "arrays", expected: 1, actual: 2,
                                                        unmatched: "the model's 'fc.bias' (shape [1]) has no name to answer under")) {
            try FleetArrayRecord(trained, keys: ["0"], encoding: .npy)
        }
    }
}
