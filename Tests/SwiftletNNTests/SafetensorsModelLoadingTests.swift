import Foundation
import Testing
import SwiftletTensor
@testable import SwiftletNN

@Suite struct SafetensorsModelLoadingTests {
    func mlp() throws -> Sequential {
        try Sequential(inputShape: [4], layers: [Dense(8, name: "fc1"), ReLU(name: "relu"), Dense(3, name: "fc2")], seed: 1)
    }

    /// The model's own file with `change` applied, loaded back into the model; the model must be unchanged on error.
    func load(_ change: (inout SafetensorsFile) -> Void) throws -> (SafetensorsError?, unchanged: Bool) {
        let model = try mlp()
        let before = model.parameterVector
        var file = try mlp().safetensorsFile()
        // Make every value differ from the model's, so a partial write would show.
        for t in file.tensors.indices { file.tensors[t].scalars = file.tensors[t].scalars.map { $0 + 1 } }
        change(&file)
        do {
            try model.loadParameters(from: file, fileName: "m.safetensors")
            return (nil, model.parameterVector == before)
        } catch {
            return (error, model.parameterVector == before)
        }
    }

    @Test func missingTensorIsNamed() throws {
        let result = try load { $0.tensors.removeAll { $0.name == "fc2.bias" } }
        #expect(result.0 == .missingTensor(file: "m.safetensors", tensor: "fc2.bias"))
        #expect(result.unchanged)
    }

    @Test func extraTensorIsNamed() throws {
        let result = try load { $0.tensors.append(SafetensorsTensor(name: "fc3.weight", shape: [1], scalars: [0])) }
        #expect(result.0 == .unexpectedTensor(file: "m.safetensors", tensor: "fc3.weight"))
        #expect(result.unchanged)
    }

    @Test func shapeMismatchIsNamed() throws {
        let result = try load { file in
            let i = file.tensors.firstIndex { $0.name == "fc1.weight" }!
            file.tensors[i] = SafetensorsTensor(name: "fc1.weight", shape: [4, 8], scalars: file.tensors[i].scalars)
        }
        #expect(result.0 == .shapeMismatch(file: "m.safetensors", tensor: "fc1.weight", expected: [8, 4], actual: [4, 8]))
        #expect(result.unchanged)
    }

    @Test func nonFiniteValueNamesLayerAndTensor() throws {
        let result = try load { file in
            let i = file.tensors.firstIndex { $0.name == "fc2.weight" }!
            file.tensors[i].scalars[5] = .nan
        }
        #expect(result.0 == .nonFiniteValue(file: "m.safetensors", layer: "fc2", tensor: "weight", index: 5))
        #expect(result.unchanged)
    }

    @Test func doubleOverflowingFloatIsRejectedAsNonFinite() throws {
        // F64 1e300 becomes +∞ in Float: rejected like any infinity.
        let model = try mlp()
        let before = model.parameterVector
        var file = model.safetensorsFile()
        file.tensors.removeAll { $0.name == "fc2.bias" }
        var bytes = file.encoded()
        // Re-assemble with fc2.bias appended as F64 [1e300, 0, 0].
        let headerLength = Int(bytes[0]) | Int(bytes[1]) << 8
        var header = String(decoding: bytes[8..<(8 + headerLength)], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        let dataSize = bytes.count - 8 - headerLength
        header.removeLast()
        header += #","fc2.bias":{"dtype":"F64","shape":[3],"data_offsets":[\#(dataSize),\#(dataSize + 24)]}}"#
        var data = Array(bytes[(8 + headerLength)...])
        for value in [1e300, 0.0, 0.0] { data += (0..<8).map { UInt8(truncatingIfNeeded: value.bitPattern >> (8 * UInt64($0))) } }
        bytes = safetensorsBytes(header: header, data: data)
        let parsed = try SafetensorsFile(bytes: bytes, fileName: "m.safetensors")
        #expect(throws: SafetensorsError.nonFiniteValue(file: "m.safetensors", layer: "fc2", tensor: "bias", index: 0)) {
            try model.loadParameters(from: parsed, fileName: "m.safetensors")
        }
        #expect(model.parameterVector == before)
    }

    @Test func halfPrecisionTensorsLoadConverted() throws {
        let model = try mlp()
        var file = model.safetensorsFile()
        for t in file.tensors.indices {
            file.tensors[t].dtype = .f16  // only the label: loading takes the already-converted Float values
            file.tensors[t].scalars = file.tensors[t].scalars.map { _ in 0.5 }
        }
        try model.loadParameters(from: file, fileName: "half")
        #expect(model.parameterVector.allSatisfy { $0 == 0.5 })
    }
}
