import Testing
@testable import SwiftletFleetProtocol

@Suite struct NpyArrayTests {
    let base: [Double] = [1.5, -2.0, 3.25, 0.0, 4.0, -0.5]

    @Test(arguments: ["f4_le", "f4_be", "f8_le", "f8_be", "i4_le", "i4_be", "i8_le", "i8_be"])
    func readsNumpyFiles(name: String) throws {
        let array = try NpyArray(npy: try FixtureLoader.bytes("npy/\(name).npy"))
        #expect(array.shape == [2, 3])
        #expect(array.bigEndian == name.hasSuffix("be"))
        switch array.elements {
        case .float32(let v): #expect(v == base.map { Float($0) })
        case .float64(let v): #expect(v == base)
        case .int32(let v): #expect(v == base.map { Int32($0) })
        case .int64(let v): #expect(v == base.map { Int64($0) })
        }
    }

    @Test(arguments: ["f4_le", "f4_be", "f8_le", "f8_be", "i4_le", "i4_be", "i8_le", "i8_be", "scalar_f4", "empty_f4"])
    func writesNumpysExactBytes(name: String) throws {
        let bytes = try FixtureLoader.bytes("npy/\(name).npy")
        #expect(try NpyArray(npy: bytes).encoded == bytes)
    }

    @Test func readsVersion2Header() throws {
        let array = try NpyArray(npy: try FixtureLoader.bytes("npy/v2_f4.npy"))
        #expect(array.elements == .float32(base.map { Float($0) }))
    }

    @Test func readsScalarAndEmpty() throws {
        #expect(try NpyArray(npy: try FixtureLoader.bytes("npy/scalar_f4.npy")).shape == [])
        #expect(try NpyArray(npy: try FixtureLoader.bytes("npy/empty_f4.npy")).shape == [0, 3])
    }

    @Test func headerIsPaddedTo64Bytes() throws {
        let bytes = try NpyArray(shape: [3], elements: .float32([1, 2, 3])).encoded
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        #expect((10 + headerLength) % 64 == 0)
        #expect(bytes[10 + headerLength - 1] == 0x0A)
    }

    @Test func writesVersion2WhenHeaderExceeds65535Bytes() throws {
        let shape = [Int](repeating: 1, count: 22_000)
        let bytes = try NpyArray(shape: shape, elements: .float32([7])).encoded
        #expect(bytes[6] == 2)
        #expect(try NpyArray(npy: bytes).shape == shape)
    }

    @Test func rejectsFortranOrder() throws {
        #expect(throws: NpyError.fortranOrder) { try NpyArray(npy: try FixtureLoader.bytes("npy/fortran_f4.npy")) }
    }

    @Test func rejectsOtherDtypes() throws {
        #expect(throws: NpyError.unsupportedDType("<f2")) { try NpyArray(npy: try FixtureLoader.bytes("npy/f2_le.npy")) }
    }

    @Test func rejectsBadMagic() throws {
        var bytes = try FixtureLoader.bytes("npy/f4_le.npy")
        bytes[1] = 0x4F
        #expect(throws: NpyError.badMagic) { try NpyArray(npy: bytes) }
    }

    @Test func rejectsVersion3() throws {
        var bytes = try FixtureLoader.bytes("npy/f4_le.npy")
        bytes[6] = 3
        #expect(throws: NpyError.unsupportedVersion(major: 3, minor: 0)) { try NpyArray(npy: bytes) }
    }

    @Test func rejectsTruncatedHeader() throws {
        let bytes = Array(try FixtureLoader.bytes("npy/f4_le.npy").prefix(50))
        #expect(throws: NpyError.truncatedHeader(needed: 128, available: 50)) { try NpyArray(npy: bytes) }
    }

    @Test func rejectsMissingData() throws {
        let bytes = Array(try FixtureLoader.bytes("npy/f4_le.npy").dropLast(4))
        #expect(throws: NpyError.byteCountMismatch(expected: 24, actual: 20)) { try NpyArray(npy: bytes) }
    }

    @Test func rejectsExtraData() throws {
        let bytes = try FixtureLoader.bytes("npy/f4_le.npy") + [0]
        #expect(throws: NpyError.byteCountMismatch(expected: 24, actual: 25)) { try NpyArray(npy: bytes) }
    }

    @Test func rejectsMalformedHeaderDictionary() throws {
        var bytes = try FixtureLoader.bytes("npy/f4_le.npy")
        bytes[10] = 0x5B  // '[' instead of '{'
        #expect(throws: NpyError.malformedHeader("expected a {…} dictionary")) { try NpyArray(npy: bytes) }
    }

    @Test func rejectsShapeThatDoesNotMatchValues() {
        #expect(throws: NpyError.byteCountMismatch(expected: 12, actual: 8)) { try NpyArray(shape: [3], elements: .float32([1, 2])) }
    }

    @Test func roundTripsBigEndianFloat64() throws {
        let array = try NpyArray(shape: [2], elements: .float64([1e300, -0.0]), bigEndian: true)
        #expect(try NpyArray(npy: array.encoded) == array)
    }
}
