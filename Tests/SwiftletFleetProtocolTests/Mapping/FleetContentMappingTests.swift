import SwiftletFederated
import Testing
@testable import SwiftletFleetProtocol

@Suite struct FleetContentMappingTests {
    let specs = [ArraySpec(name: "fc.weight", shape: [2, 3]), ArraySpec(name: "fc.bias", shape: [2])]
    var parameters: ArrayRecord { try! ArrayRecord(specs: specs, values: [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75]) }

    @Test func trainInstructionMatchesFlowerFedAvgLayout() throws {
        let content = try FleetContentMapping.content(FitInstruction(round: 3, parameters: parameters, config: ["learning-rate": 0.05]),
                                                      encoding: .npy)
        #expect(content.keys == ["arrays", "config"])
        guard case .config(let config)? = content["config"], case .arrays(let arrays)? = content["arrays"] else {
            Issue.record("missing records"); return
        }
        #expect(config.items.map(\.key) == ["server-round", "learning-rate"])
        #expect(config["server-round"] == .value(.int(3)))
        #expect(arrays.keys == ["fc.weight", "fc.bias"])
        #expect(arrays["fc.weight"]?.stype == "numpy.ndarray")
        #expect(arrays["fc.weight"]?.dtype == "float32")
        #expect(arrays["fc.weight"]?.shape == [2, 3])
    }

    @Test func npyTrainInstructionIsByteIdenticalToFlowers() throws {
        // The same arrays and round as the "train" fixture's first two config entries would give; arrays only.
        let content = try FleetContentMapping.content(FitInstruction(round: 3, parameters: parameters), encoding: .npy)
        guard case .arrays(let ours)? = content["arrays"], case .arrays(let flower)? = try FlowerObjectInteropTests.content("train")["arrays"] else {
            Issue.record("missing arrays"); return
        }
        #expect(ours == flower)
    }

    @Test(arguments: ArrayEncoding.allCases)
    func trainInstructionRoundTrips(encoding: ArrayEncoding) throws {
        let instruction = FitInstruction(round: 4, parameters: parameters, config: ["optimizer": "sgd"],
                                         auxiliary: [AuxiliaryKey.scaffoldControl: parameters.zeroed()])
        let content = try FleetContentMapping.content(instruction, encoding: encoding)
        #expect(content.keys.contains("swiftlet.aux.scaffold.control"))
        #expect(try FleetContentMapping.fitInstruction(content, expected: specs) == instruction)
    }

    @Test func compactEncodingIsRawLittleEndianFloat32() throws {
        let record = try FleetArrayRecord(try ArrayRecord(specs: [ArraySpec(name: "w", shape: [1])], values: [1]), encoding: .swiftletF32LE)
        #expect(record["w"] == FleetArray(dtype: "float32", shape: [1], stype: "swiftlet.f32le", data: [0, 0, 0x80, 0x3F]))
        // Written behind the header of the chunk object that carries it, which is sent as it is.
        #expect(record["w"]?.chunkObject == Array("ArrayChunk  4".utf8) + [0, 0, 0, 0x80, 0x3F])
    }

    @Test func evaluateInstructionRoundTrips() throws {
        let instruction = EvaluateInstruction(round: 2, parameters: parameters, config: ["batch-size": 32])
        let content = try FleetContentMapping.content(instruction, encoding: .npy)
        #expect(try FleetContentMapping.evaluateInstruction(content, expected: specs) == instruction)
    }

    @Test func fitResultPutsNumExamplesFirst() throws {
        let result = FitResult(parameters: parameters, exampleCount: 120, metrics: ["loss": 0.75, "accuracy": 0.5])
        let content = try FleetContentMapping.content(result, encoding: .npy)
        guard case .metrics(let metrics)? = content["metrics"] else { Issue.record("no metrics"); return }
        #expect(metrics.items.map(\.key) == ["num-examples", "accuracy", "loss"])
        #expect(try FleetContentMapping.fitResult(content, expected: specs) == result)
    }

    @Test func readsFlowerClientReply() throws {
        let result = try FleetContentMapping.fitResult(try FlowerObjectInteropTests.content("reply"), expected: specs)
        #expect(result.exampleCount == 120)
        #expect(result.metrics == ["loss": 0.75, "accuracy": 0.5])
        #expect(result.payload == .arrays(try ArrayRecord(specs: specs, values: (1..<9).map { Float($0) / 4 })))
    }

    @Test func encodedPayloadTravelsUnderCodecStype() throws {
        let result = FitResult(payload: .encoded(EncodedArrays(codec: "q8", bytes: [1, 2, 3], isDelta: true)), exampleCount: 5)
        let content = try FleetContentMapping.content(result, encoding: .swiftletF32LE)
        guard case .arrays(let arrays)? = content["arrays"] else { Issue.record("no arrays"); return }
        #expect(arrays["swiftlet.encoded"]?.stype == "swiftlet.codec:q8")
        #expect(try FleetContentMapping.fitResult(content) == result)
    }

    @Test func evaluateResultRoundTrips() throws {
        let result = EvaluateResult(loss: 0.25, exampleCount: 40, metrics: ["accuracy": 0.9])
        let content = FleetContentMapping.content(result)
        guard case .metrics(let metrics)? = content["metrics"] else { Issue.record("no metrics"); return }
        #expect(metrics.items.map(\.key) == ["num-examples", "loss", "accuracy"])
        #expect(try FleetContentMapping.evaluateResult(content) == result)
    }

    @Test func evaluateResultReadsFlowersEvalLoss() throws {
        let content = RecordDict([("metrics", .metrics(FleetMetricRecord([("eval_loss", .value(.double(0.5))), ("num-examples", .value(.int(10)))])))])
        let result = try FleetContentMapping.evaluateResult(content)
        #expect(result.loss == 0.5)
        #expect(result.exampleCount == 10)
    }

    @Test func missingNumExamplesIsAnError() {
        let content = RecordDict([("metrics", .metrics(FleetMetricRecord([("loss", .value(.double(0.5)))])))])
        #expect(throws: MappingError.missingEntry(record: "metrics", key: "num-examples")) { try FleetContentMapping.evaluateResult(content) }
    }

    @Test func missingServerRoundIsAnError() throws {
        var content = try FleetContentMapping.content(FitInstruction(round: 1, parameters: parameters), encoding: .npy)
        content["config"] = .config(FleetConfigRecord())
        #expect(throws: MappingError.missingEntry(record: "config", key: "server-round")) { try FleetContentMapping.fitInstruction(content) }
    }

    @Test func shapeMismatchNamesTheArray() throws {
        let content = try FleetContentMapping.content(FitInstruction(round: 1, parameters: parameters), encoding: .npy)
        let wrong = [ArraySpec(name: "fc.weight", shape: [3, 2]), specs[1]]
        #expect(throws: MappingError.arrayMismatch(index: 0, key: "fc.weight", reason: "shape [2, 3] differs from the expected [3, 2] of 'fc.weight'")) {
            try FleetContentMapping.fitInstruction(content, expected: wrong)
        }
    }

    @Test func arrayCountMismatchIsAnError() throws {
        let content = try FleetContentMapping.content(FitInstruction(round: 1, parameters: parameters), encoding: .npy)
        #expect(throws: MappingError.arrayCountMismatch(record: "arrays", expected: 1, actual: 2,
                                                        unmatched: "array 1 ('fc.bias', shape [2]) has no model parameter")) {
            try FleetContentMapping.fitInstruction(content, expected: [specs[0]])
        }
    }

    @Test func float64ArraysBecomeFloat32() throws {
        let npy = try NpyArray(shape: [2], elements: .float64([0.5, -1.25])).encoded
        let record = FleetArrayRecord([("b", FleetArray(dtype: "float64", shape: [2], stype: "numpy.ndarray", data: npy))])
        #expect(try record.swiftletRecord().values == [0.5, -1.25])
    }

    @Test func integerArraysAreRejectedByName() throws {
        let npy = try NpyArray(shape: [2], elements: .int64([1, 2])).encoded
        let record = FleetArrayRecord([("w", FleetArray(dtype: "float32", shape: [2], stype: "numpy.ndarray", data: data(npy)))])
        #expect(throws: MappingError.arrayMismatch(index: 0, key: "w", reason: "dtype int64 is not a float type")) { try record.swiftletRecord() }
    }

    @Test func aDeclaredDtypeThatDiffersFromTheNpyHeaderIsRejected() throws {
        let npy = try NpyArray(shape: [2], elements: .float64([1, 2])).encoded
        let record = FleetArrayRecord([("w", FleetArray(dtype: "float32", shape: [2], stype: "numpy.ndarray", data: npy))])
        #expect(throws: MappingError.arrayMismatch(index: 0, key: "w", reason: "the array's dtype float32 differs from its .npy data's float64")) {
            try record.swiftletRecord()
        }
    }

    @Test func compactArrayWithWrongByteCountIsRejected() {
        let record = FleetArrayRecord([("w", FleetArray(dtype: "float32", shape: [2], stype: "swiftlet.f32le", data: [0, 0, 0]))])
        #expect(throws: MappingError.arrayMismatch(index: 0, key: "w", reason: "3 bytes for 2 float32 values")) { try record.swiftletRecord() }
    }

    @Test func unknownStypeIsRejected() {
        let record = FleetArrayRecord([("w", FleetArray(dtype: "float32", shape: [1], stype: "torch.tensor", data: []))])
        #expect(throws: MappingError.unsupportedSType(index: 0, key: "w", stype: "torch.tensor")) { try record.swiftletRecord() }
    }

    func data(_ bytes: [UInt8]) -> [UInt8] { bytes }
}
