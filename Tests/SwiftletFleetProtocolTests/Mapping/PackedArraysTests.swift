import SwiftletFederated
import Testing
@testable import SwiftletFleetProtocol

@Suite struct PackedArraysTests {
    /// `w` [2, 1] = (1, -2) and `bi` [1] = (0.5), packed by hand.
    static let record = try! ArrayRecord(specs: [ArraySpec(name: "w", shape: [2, 1]), ArraySpec(name: "bi", shape: [1])],
                                         values: [1, -2, 0.5])
    static let bytes: [UInt8] = Array("SWPK".utf8) + [1, 0, 0, 0] + [2, 0, 0, 0]
        + [1, 0] + Array("w".utf8) + [2] + [2, 0, 0, 0] + [1, 0, 0, 0]     // w: rank 2, [2, 1]; ends at 24
        + [2, 0] + Array("bi".utf8) + [1] + [1, 0, 0, 0]                   // bi: rank 1, [1]; ends at 33
        + [0, 0, 0]                                                        // padded to 36
        + [0x00, 0x00, 0x80, 0x3F] + [0x00, 0x00, 0x00, 0xC0] + [0x00, 0x00, 0x00, 0x3F]   // 1, -2, 0.5

    @Test func packsNamesShapesAndValuesAsDocumented() throws {
        #expect(try PackedArrays.encode(Self.record) == Self.bytes)
    }

    @Test func aPackedRecordArrayHoldsTheDocumentedBytesBehindItsChunkHeader() throws {
        let array = try ArrayEncoding.packed(Self.record)
        #expect(array.dtype == "uint8" && array.shape == [48] && array.stype == PackedArrays.stype)
        #expect(Array(array.bytes) == Self.bytes)
        #expect(array.chunkObject == Array("ArrayChunk  48".utf8) + [0] + Self.bytes)
    }

    @Test func unpacksTheDocumentedBytes() throws {
        #expect(try PackedArrays.decode(Self.bytes) == Self.record)
    }

    @Test func aRecordPackedInARangeOfABufferDecodesAsOnItsOwnWithOffsetsFromTheRangesStart() throws {
        let buffer: [UInt8] = [9, 9, 9] + Self.bytes + [7]
        #expect(try PackedArrays.decode(buffer[3..<(3 + Self.bytes.count)]) == Self.record)
        // Cut at 20 bytes into the record: the offset counts from the range's start, not the buffer's.
        #expect(throws: PackedArraysError.truncated(field: "shape of 'w'", offset: 20)) {
            try PackedArrays.decode(buffer[3..<23])
        }
    }

    @Test func scalarsAndEmptyRecordsRoundTrip() throws {
        let scalar = try ArrayRecord(specs: [ArraySpec(name: "step", shape: [])], values: [3])
        #expect(try PackedArrays.decode(PackedArrays.encode(scalar)) == scalar)
        let empty = try ArrayRecord(specs: [], values: [])
        #expect(try PackedArrays.decode(PackedArrays.encode(empty)) == empty)
    }

    @Test func everyTruncationIsRefusedWithTheFieldItEndsIn() {
        for length in 0..<Self.bytes.count {
            #expect(throws: PackedArraysError.self) { try PackedArrays.decode(Array(Self.bytes.prefix(length))) }
        }
        #expect(throws: PackedArraysError.truncated(field: "shape of 'w'", offset: 20)) {
            try PackedArrays.decode(Array(Self.bytes.prefix(20)))
        }
    }

    @Test func extraTrailingBytesAreALengthMismatch() {
        #expect(throws: PackedArraysError.lengthMismatch(values: 3, expectedBytes: 12, actualBytes: 16)) {
            try PackedArrays.decode(Self.bytes + [0, 0, 0, 0])
        }
    }

    @Test func wrongMagicVersionOrReservedBytesAreRefused() {
        var bytes = Self.bytes
        bytes[0] = UInt8(ascii: "X")
        #expect(throws: PackedArraysError.malformed(offset: 0, "magic is not SWPK")) { try PackedArrays.decode(bytes) }
        bytes = Self.bytes
        bytes[4] = 2
        #expect(throws: PackedArraysError.malformed(offset: 4, "version 2 is not 1")) { try PackedArrays.decode(bytes) }
        bytes = Self.bytes
        bytes[6] = 1
        #expect(throws: PackedArraysError.malformed(offset: 5, "reserved bytes are not zero")) { try PackedArrays.decode(bytes) }
    }

    @Test func anArrayCountTheBytesCannotHoldIsRefusedBeforeAllocating() {
        var bytes = Self.bytes
        bytes.replaceSubrange(8..<12, with: [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(throws: PackedArraysError.malformed(offset: 8, "array count 4294967295 cannot fit in 36 bytes")) {
            try PackedArrays.decode(bytes)
        }
    }

    @Test func aShapeWhoseSizeOverflowsIsRefused() {
        // One array of rank 3 with every dimension 2^32 − 1: the product overflows Int.
        let bytes: [UInt8] = Array("SWPK".utf8) + [1, 0, 0, 0] + [1, 0, 0, 0] + [1, 0, 0x78, 3]
            + [0xFF, 0xFF, 0xFF, 0xFF] + [0xFF, 0xFF, 0xFF, 0xFF] + [0xFF, 0xFF, 0xFF, 0xFF]
        #expect(throws: PackedArraysError.malformed(offset: 20, "shape of 'x' overflows")) { try PackedArrays.decode(bytes) }
    }

    @Test func aHugeButFiniteShapeIsALengthMismatchNotAnAllocation() {
        let bytes: [UInt8] = Array("SWPK".utf8) + [1, 0, 0, 0] + [1, 0, 0, 0] + [1, 0, 0x78, 1] + [0xFF, 0xFF, 0xFF, 0x7F]
        #expect(throws: PackedArraysError.lengthMismatch(values: 0x7FFF_FFFF, expectedBytes: 0x7FFF_FFFF * 4, actualBytes: 0)) {
            try PackedArrays.decode(bytes)
        }
    }

    @Test func nonZeroPaddingIsRefused() {
        var bytes = Self.bytes
        bytes[34] = 7
        #expect(throws: PackedArraysError.malformed(offset: 33, "padding is not zero")) { try PackedArrays.decode(bytes) }
    }

    @Test func aNameThatIsNotUTF8IsRefused() {
        var bytes = Self.bytes
        bytes[14] = 0xFF
        #expect(throws: PackedArraysError.malformed(offset: 14, "name of array 0 is not UTF-8")) { try PackedArrays.decode(bytes) }
    }

    @Test func repeatedNamesAreAnInvalidLayout() {
        let bytes: [UInt8] = Array("SWPK".utf8) + [1, 0, 0, 0] + [2, 0, 0, 0]
            + [1, 0, 0x77, 1, 1, 0, 0, 0] + [1, 0, 0x77, 1, 1, 0, 0, 0] + [0, 0, 0x80, 0x3F, 0, 0, 0x80, 0x3F]
        #expect(throws: PackedArraysError.invalidLayout("\(RecordError.duplicateArrayName("w"))")) { try PackedArrays.decode(bytes) }
    }

    @Test func aModelPacksIntoOneArrayRecordWithOneArray() throws {
        let arrays = try FleetArrayRecord(Self.record, encoding: .swiftletPacked)
        #expect(arrays.keys == [FleetContentKeys.packedArray])
        #expect(arrays[FleetContentKeys.packedArray] == FleetArray(dtype: "uint8", shape: [48], stype: "swiftlet.packed", data: Self.bytes))
        #expect(try arrays.swiftletRecord() == Self.record)
    }

    @Test func unpackingAgainstExpectedSpecsChecksShapesAndKeepsTheExpectedNames() throws {
        let arrays = try FleetArrayRecord(Self.record, encoding: .swiftletPacked)
        let renamed = [ArraySpec(name: "fc.weight", shape: [2, 1]), ArraySpec(name: "fc.bias", shape: [1])]
        #expect(try arrays.swiftletRecord(expected: renamed).specs == renamed)
        #expect(throws: MappingError.arrayMismatch(index: 1, key: "bi", reason: "shape [1] differs from the expected [2] of 'fc.bias'")) {
            try arrays.swiftletRecord(expected: [renamed[0], ArraySpec(name: "fc.bias", shape: [2])])
        }
        #expect(throws: MappingError.arrayCountMismatch(record: "arrays", expected: 1, actual: 2,
                                                        unmatched: "packed array 1 ('bi', shape [1]) has no model parameter")) {
            try arrays.swiftletRecord(expected: [renamed[0]])
        }
    }

    @Test func aPackedArrayBesideOtherArraysIsRefused() throws {
        var arrays = try FleetArrayRecord(Self.record, encoding: .swiftletPacked)
        arrays["extra"] = try ArrayEncoding.swiftletF32LE.array(shape: [1], values: [1])
        #expect(throws: MappingError.arrayMismatch(index: 0, key: "swiftlet.packed", reason: "a packed array must be the only array of its record")) {
            try arrays.swiftletRecord()
        }
    }

    @Test func aPackedArrayOfAnotherDtypeIsRefused() throws {
        let arrays = FleetArrayRecord([(FleetContentKeys.packedArray, FleetArray(dtype: "float32", shape: [12], stype: "swiftlet.packed", data: Self.bytes))])
        #expect(throws: MappingError.arrayMismatch(index: 0, key: "swiftlet.packed", reason: "a packed array must be uint8 of shape [48], found float32 [12]")) {
            try arrays.swiftletRecord()
        }
    }

    @Test func aPackedInstructionIsSixObjectsWhereOneArrayPerTensorIsSixteen() throws {
        let specs = (0..<3).flatMap { [ArraySpec(name: "fc\($0).weight", shape: [4, 4]), ArraySpec(name: "fc\($0).bias", shape: [4])] }
        let parameters = try ArrayRecord(specs: specs, values: (0..<60).map(Float.init))
        let instruction = FitInstruction(round: 1, parameters: parameters)
        let packed = try FleetMessage.deflateContent(FleetContentMapping.content(instruction, encoding: .swiftletPacked))
        let perTensor = try FleetMessage.deflateContent(FleetContentMapping.content(instruction, encoding: .swiftletF32LE))
        // Without the message object itself: record dict, array record, config record, then an Array and an
        // ArrayChunk per array.
        #expect(packed.objects.count == 5)
        #expect(perTensor.objects.count == 15)
    }

    @Test func aReplyToAPackedInstructionIsNamedByTheModelInWhateverEncodingTheNodeUses() throws {
        let instruction = try FleetContentMapping.content(FitInstruction(round: 1, parameters: Self.record), encoding: .swiftletPacked)
        #expect(FleetContentMapping.arrayKeys(instruction) == nil)
        let reply = try FleetContentMapping.content(FitResult(parameters: Self.record, exampleCount: 3), encoding: .swiftletF32LE,
                                                    arrayKeys: FleetContentMapping.arrayKeys(instruction))
        guard case .arrays(let arrays)? = reply[FleetContentKeys.arrays] else { Issue.record("no arrays"); return }
        #expect(arrays.keys == ["w", "bi"])
    }
}
