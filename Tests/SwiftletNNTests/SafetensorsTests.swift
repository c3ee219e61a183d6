import Foundation
import Testing
import SwiftletTensor
@testable import SwiftletNN

/// Assembles a safetensors file by hand from the format's specification: an 8-byte little-endian header
/// length, the JSON header, then the data section.
func safetensorsBytes(header: String, data: [UInt8] = [], declaredLength: UInt64? = nil) -> [UInt8] {
    let json = Array(header.utf8)
    let length = declaredLength ?? UInt64(json.count)
    var bytes: [UInt8] = (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * UInt64($0))) }
    bytes += json
    bytes += data
    return bytes
}

/// The little-endian bytes of F32 values.
func f32Bytes(_ values: [Float]) -> [UInt8] {
    values.flatMap { value in (0..<4).map { UInt8(truncatingIfNeeded: value.bitPattern >> (8 * UInt32($0))) } }
}

func temporaryURL(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("swiftlet-\(UUID().uuidString)-\(name)")
}

@Suite struct SafetensorsTests {
    func mlp(seed: UInt64) throws -> Sequential {
        try Sequential(inputShape: [4], layers: [Dense(8, name: "fc1"), ReLU(name: "relu"), Dense(3, name: "fc2")], seed: seed)
    }

    @Test func roundTripRestoresParametersAndMetadata() throws {
        let source = try mlp(seed: 1)
        let target = try mlp(seed: 2)
        #expect(source.parameterVector != target.parameterVector)
        let url = temporaryURL("roundtrip.safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try source.saveSafetensors(to: url, metadata: ["format": "pt", "round": "3"])
        try target.loadSafetensors(from: url)
        #expect(target.parameterVector == source.parameterVector)
        let file = try SafetensorsFile(contentsOf: url)
        #expect(file.metadata == ["format": "pt", "round": "3"])
        #expect(file.tensors.map(\.name) == ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"])
        #expect(file["fc1.weight"]?.shape == [8, 4])
        #expect(file["fc2.bias"]?.shape == [3])
    }

    @Test func writerFollowsTheByteLayout() throws {
        let file = SafetensorsFile(tensors: [SafetensorsTensor(name: "t", shape: [2], scalars: [1, -2.5])])
        let bytes = file.encoded()
        let expectedHeader = #"{"t":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#
        // 54 characters, padded with 2 spaces to 56, a multiple of 8.
        #expect(expectedHeader.utf8.count == 54)
        #expect(Array(bytes[0..<8]) == [56, 0, 0, 0, 0, 0, 0, 0])
        #expect(String(decoding: bytes[8..<64], as: UTF8.self) == expectedHeader + "  ")
        // 1.0 = 0x3F800000 and −2.5 = 0xC0200000, little-endian.
        #expect(Array(bytes[64...]) == [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x20, 0xC0])
    }

    @Test func handAssembledFileIsRead() throws {
        // Two tensors stored out of name order, unpadded header, metadata last.
        let header = #"{"b":{"dtype":"F32","shape":[1,2],"data_offsets":[4,12]},"a":{"dtype":"F32","shape":[],"data_offsets":[0,4]},"__metadata__":{"k":"v"}}"#
        let data: [UInt8] = [0x00, 0x00, 0x40, 0x40,  // 3.0
                             0x00, 0x00, 0x80, 0xBF,  // −1.0
                             0x00, 0x00, 0x00, 0x3F]  // 0.5
        let file = try SafetensorsFile(bytes: safetensorsBytes(header: header, data: data), fileName: "hand.safetensors")
        #expect(file.tensors.map(\.name) == ["a", "b"])
        #expect(file["a"] == SafetensorsTensor(name: "a", shape: [], scalars: [3]))
        #expect(file["b"] == SafetensorsTensor(name: "b", shape: [1, 2], scalars: [-1, 0.5]))
        #expect(file.metadata == ["k": "v"])
    }

    @Test func pythonWrittenFixtureIsReadCorrectly() throws {
        // Written by scripts/make-safetensors-fixture.py with the safetensors Python package (0.8.0).
        let url = try #require(Bundle.module.url(forResource: "python-mixed-dtypes", withExtension: "safetensors", subdirectory: "Fixtures"))
        let file = try SafetensorsFile(contentsOf: url)
        #expect(file.metadata == ["format": "pt", "note": "written by safetensors"])
        #expect(file["layer.f32"] == SafetensorsTensor(name: "layer.f32", shape: [2, 3], scalars: [1.5, -2, 0.25, 3, -0.125, 1e-3]))
        #expect(file["layer.f16"] == SafetensorsTensor(name: "layer.f16", dtype: .f16, shape: [5],
                                                       scalars: [1, -0.5, 65504, 0x1p-14, 0x1p-24]))
        #expect(file["layer.f64"] == SafetensorsTensor(name: "layer.f64", dtype: .f64, shape: [2, 1], scalars: [Float(0.1), -1e10]))
        #expect(file["layer.bf16"] == SafetensorsTensor(name: "layer.bf16", dtype: .bf16, shape: [4], scalars: [1, -3, 0.15625, 256]))
        #expect(file["layer.empty"] == SafetensorsTensor(name: "layer.empty", shape: [0, 4], scalars: []))
    }

    @Test func namesNeedingJSONEscapesRoundTrip() throws {
        let name = "odd \"layer\"\\\n.weight"
        let file = SafetensorsFile(tensors: [SafetensorsTensor(name: name, shape: [1], scalars: [7])], metadata: ["q\"": "\u{1}"])
        let decoded = try SafetensorsFile(bytes: file.encoded(), fileName: "escapes")
        #expect(decoded == file)
    }

    @Test func halfPrecisionSpecialValuesConvert() {
        #expect(SafetensorsDType.halfToFloat(0x7C00) == .infinity)
        #expect(SafetensorsDType.halfToFloat(0xFC00) == -.infinity)
        #expect(SafetensorsDType.halfToFloat(0x7E00).isNaN)
        #expect(SafetensorsDType.halfToFloat(0x8000) == 0 && SafetensorsDType.halfToFloat(0x8000).sign == .minus)
        #expect(SafetensorsDType.halfToFloat(0x3555) == 0x1.554p-2)  // 0.333251953125
    }
}
