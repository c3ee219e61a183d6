import Foundation
import Testing
@testable import SwiftletData

/// IDX files built byte by byte from the format description on the MNIST page.
@Suite struct IDXTests {
    @Test func unsignedByteMatrixParses() throws {
        let file = try IDXFile(bytes: [0, 0, 0x08, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 250, 251, 255])
        #expect(file.dimensions == [2, 3])
        #expect(file.dataType == .uint8)
        #expect(file.floatValues() == [1, 2, 3, 250, 251, 255])
        #expect(file.rawBytes == [1, 2, 3, 250, 251, 255])
    }

    @Test func signedBytesAreTwosComplement() throws {
        let file = try IDXFile(bytes: [0, 0, 0x09, 1, 0, 0, 0, 3, 0xFF, 0x80, 0x7F])
        #expect(file.floatValues() == [-1, -128, 127])
    }

    @Test func int16ValuesAreBigEndian() throws {
        let file = try IDXFile(bytes: [0, 0, 0x0B, 1, 0, 0, 0, 2, 0x01, 0x02, 0xFF, 0xFE])
        #expect(file.floatValues() == [258, -2])
    }

    @Test func int32ValuesAreBigEndian() throws {
        let file = try IDXFile(bytes: [0, 0, 0x0C, 1, 0, 0, 0, 2, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF])
        #expect(file.floatValues() == [65536, -1])
    }

    @Test func float32ValuesAreBigEndianIEEE() throws {
        // 1.5 = 0x3FC00000, −2 = 0xC0000000.
        let file = try IDXFile(bytes: [0, 0, 0x0D, 1, 0, 0, 0, 2, 0x3F, 0xC0, 0, 0, 0xC0, 0, 0, 0])
        #expect(file.floatValues() == [1.5, -2])
    }

    @Test func float64ValuesAreBigEndianIEEE() throws {
        // 0.25 = 0x3FD0000000000000.
        let file = try IDXFile(bytes: [0, 0, 0x0E, 1, 0, 0, 0, 1, 0x3F, 0xD0, 0, 0, 0, 0, 0, 0])
        #expect(file.floatValues() == [0.25])
    }

    @Test func fourDimensionsParse() throws {
        var bytes: [UInt8] = [0, 0, 0x08, 4]
        for dimension in [2, 1, 3, 2] { bytes += [0, 0, 0, UInt8(dimension)] }
        bytes += (0..<12).map { UInt8($0) }
        let file = try IDXFile(bytes: bytes)
        #expect(file.dimensions == [2, 1, 3, 2])
        #expect(file.count == 12)
        #expect(file.floatValue(at: 11) == 11)
    }

    @Test func gzippedBytesAreDetectedAndInflated() throws {
        let raw: [UInt8] = [0, 0, 0x08, 1, 0, 0, 0, 3, 7, 8, 9]
        #expect(try IDXFile(bytes: Gzip.storedMember(raw)) == (try IDXFile(bytes: raw)))
    }

    @Test func writerEncodesTheSpecifiedLayout() throws {
        let file = try IDXFile(dimensions: [2, 1], dataType: .int16, values: [258, -2])
        #expect(file.encoded() == [0, 0, 0x0B, 2, 0, 0, 0, 2, 0, 0, 0, 1, 0x01, 0x02, 0xFF, 0xFE])
    }

    @Test func everyTypeRoundTripsThroughAFile() throws {
        let directory = try temporaryDirectory("idx-roundtrip")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let values: [Float] = [0, 1, 100, 127]
        for type in IDXDataType.allCases {
            for gzipped in [false, true] {
                let path = directory + "/\(type.rawValue)-\(gzipped).idx"
                try IDXFile(dimensions: [2, 2], dataType: type, values: values).write(toFile: path, gzipped: gzipped)
                let read = try IDXFile(contentsOfFile: path)
                #expect(read.dataType == type)
                #expect(read.dimensions == [2, 2])
                #expect(read.floatValues() == values)
            }
        }
    }

    @Test func writerRejectsValuesTheTypeCannotHold() {
        let error = idxFailure { () throws(IDXError) in _ = try IDXFile(dimensions: [3], dataType: .uint8, values: [1, 256, 2]) }
        #expect(error == IDXError(.valueNotRepresentable(index: 1, value: 256, type: .uint8)))
    }

    @Test func writerRejectsTheWrongNumberOfValues() {
        let error = idxFailure { () throws(IDXError) in _ = try IDXFile(dimensions: [2, 2], dataType: .float32, values: [1, 2, 3]) }
        #expect(error == IDXError(.valueCountMismatch(expected: 4, actual: 3)))
    }
}
