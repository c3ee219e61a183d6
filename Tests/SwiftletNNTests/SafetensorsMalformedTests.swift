import Foundation
import Testing
@testable import SwiftletNN

@Suite struct SafetensorsMalformedTests {
    func read(_ bytes: [UInt8]) throws(SafetensorsError) -> SafetensorsFile {
        try SafetensorsFile(bytes: bytes, fileName: "bad.safetensors")
    }

    func single(_ entry: String, data: [UInt8]) -> [UInt8] {
        safetensorsBytes(header: "{\"t\":\(entry)}", data: data)
    }

    @Test func shortFileIsRejected() {
        #expect(throws: SafetensorsError.fileTooShort(file: "bad.safetensors", size: 5)) { try read([1, 0, 0, 0, 0]) }
    }

    @Test func absurdHeaderLengthIsRejected() {
        let bytes = safetensorsBytes(header: "{}", declaredLength: 1 << 40)
        #expect(throws: SafetensorsError.headerLengthAbsurd(file: "bad.safetensors", length: 1 << 40)) { try read(bytes) }
    }

    @Test func headerPastTheEndIsRejected() {
        let bytes = safetensorsBytes(header: "{}", declaredLength: 100)
        #expect(throws: SafetensorsError.headerPastEnd(file: "bad.safetensors", length: 100, fileSize: 10)) { try read(bytes) }
    }

    @Test func invalidJSONIsRejected() {
        #expect {
            try read(safetensorsBytes(header: "{\"t\": [1, 2"))
        } throws: { error in
            guard case .invalidHeader(let file, _) = error as? SafetensorsError else { return false }
            return file == "bad.safetensors"
        }
    }

    @Test func missingFieldIsRejectedNamingTheTensor() {
        #expect {
            try read(single(#"{"dtype":"F32","shape":[1]}"#, data: f32Bytes([1])))
        } throws: { error in
            guard case .invalidHeader(_, let reason) = error as? SafetensorsError else { return false }
            return reason.contains("at t:") && reason.contains("data_offsets")
        }
    }

    @Test func nonStringMetadataIsRejected() {
        #expect {
            try read(safetensorsBytes(header: #"{"__metadata__":{"epoch":3}}"#))
        } throws: { error in
            guard case .invalidHeader(_, let reason) = error as? SafetensorsError else { return false }
            return reason.contains("__metadata__.epoch")
        }
    }

    @Test func reversedOffsetsAreRejected() {
        #expect(throws: SafetensorsError.offsetsReversed(file: "bad.safetensors", tensor: "t", begin: 4, end: 0)) {
            try read(single(#"{"dtype":"F32","shape":[1],"data_offsets":[4,0]}"#, data: f32Bytes([1, 2])))
        }
    }

    @Test func offsetsPastTheDataAreRejected() {
        #expect(throws: SafetensorsError.offsetsOutOfBounds(file: "bad.safetensors", tensor: "t", end: 12, dataSize: 8)) {
            try read(single(#"{"dtype":"F32","shape":[3],"data_offsets":[0,12]}"#, data: f32Bytes([1, 2])))
        }
    }

    @Test func overlappingTensorsAreRejected() {
        let header = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#
        #expect(throws: SafetensorsError.offsetsOverlap(file: "bad.safetensors", tensor: "b", other: "a")) {
            try read(safetensorsBytes(header: header, data: f32Bytes([1, 2, 3])))
        }
    }

    @Test func holeInTheDataIsRejected() {
        let header = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#
        #expect(throws: SafetensorsError.unindexedData(file: "bad.safetensors", offset: 4)) {
            try read(safetensorsBytes(header: header, data: f32Bytes([1, 2, 3])))
        }
    }

    @Test func trailingBytesAreRejected() {
        #expect(throws: SafetensorsError.unindexedData(file: "bad.safetensors", offset: 4)) {
            try read(single(#"{"dtype":"F32","shape":[1],"data_offsets":[0,4]}"#, data: f32Bytes([1, 2])))
        }
    }

    @Test func dataSizeNotMatchingDTypeAndShapeIsRejected() {
        // F32 [3] needs 12 bytes; the offsets give 8.
        #expect(throws: SafetensorsError.dataSizeMismatch(file: "bad.safetensors", tensor: "t", expected: 12, actual: 8)) {
            try read(single(#"{"dtype":"F32","shape":[3],"data_offsets":[0,8]}"#, data: f32Bytes([1, 2])))
        }
    }

    @Test func unsupportedDTypeIsRejected() {
        #expect(throws: SafetensorsError.unsupportedDType(file: "bad.safetensors", tensor: "t", dtype: "I32")) {
            try read(single(#"{"dtype":"I32","shape":[2],"data_offsets":[0,8]}"#, data: f32Bytes([1, 2])))
        }
    }

    @Test func negativeDimensionIsRejected() {
        #expect {
            try read(single(#"{"dtype":"F32","shape":[-1],"data_offsets":[0,0]}"#, data: []))
        } throws: { error in
            guard case .invalidHeader(_, let reason) = error as? SafetensorsError else { return false }
            return reason.contains("'t'")
        }
    }

    @Test func unreadableFileNamesThePath() {
        let url = temporaryURL("missing.safetensors")
        #expect {
            try SafetensorsFile(contentsOf: url)
        } throws: { error in
            guard case .io(let file, _) = error as? SafetensorsError else { return false }
            return file == url.path
        }
    }
}
