import Testing
@testable import SwiftletFleetProtocol

@Suite struct ObjectHeaderTests {
    let child = ObjectID(of: [1, 2, 3])

    @Test func objectIDIsLowercaseSHA256Hex() {
        #expect(ObjectID(of: Array("abc".utf8)).rawValue == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func objectIDRejectsUppercaseAndWrongLength() {
        #expect(ObjectID(rawValue: String(repeating: "A", count: 64)) == nil)
        #expect(ObjectID(rawValue: String(repeating: "a", count: 63)) == nil)
        #expect(ObjectID(rawValue: String(repeating: "a", count: 64)) != nil)
    }

    @Test func buildsHeaderWithEmptyChildField() {
        #expect(ObjectHeader.object(.arrayChunk, children: [], body: [9, 8]) == Array("ArrayChunk  2".utf8) + [0, 9, 8])
    }

    @Test func buildsHeaderWithCommaSeparatedChildren() {
        let bytes = ObjectHeader.object(.arrayRecord, children: [child, child.flipped], body: [])
        #expect(bytes == Array("ArrayRecord \(child.rawValue),\(child.flipped.rawValue) 0".utf8) + [0])
    }

    @Test func parsesWhatItBuilds() throws {
        let bytes = ObjectHeader.object(.array, children: [child], body: Array("{}".utf8))
        let (header, start) = try ObjectHeader.parse(bytes, id: "x")
        #expect(header == ObjectHeader(objectClass: .array, children: [child], bodyLength: 2))
        #expect(Array(bytes[start...]) == Array("{}".utf8))
    }

    @Test func rejectsMissingDivider() {
        #expect(throws: ObjectError.missingHeaderDivider(object: "x")) { try ObjectHeader.parse(Array("ArrayChunk  0".utf8), id: "x") }
    }

    @Test func rejectsUnknownClass() {
        #expect(throws: ObjectError.unknownClass(object: "x", name: "Tensor")) { try ObjectHeader.parse(Array("Tensor  0".utf8) + [0], id: "x") }
    }

    @Test func rejectsBodyLengthMismatch() {
        #expect(throws: ObjectError.bodyLengthMismatch(object: "x", declared: 3, actual: 2)) {
            try ObjectHeader.parse(Array("ArrayChunk  3".utf8) + [0, 1, 2], id: "x")
        }
    }

    @Test func rejectsBadChildID() {
        #expect(throws: ObjectError.invalidID("zz", context: "header of object x")) {
            try ObjectHeader.parse(Array("Array zz 0".utf8) + [0], id: "x")
        }
    }

    @Test func rejectsRepeatedChildID() {
        #expect(throws: ObjectError.self) { try ObjectHeader.parse(Array("Array \(child.rawValue),\(child.rawValue) 0".utf8) + [0], id: "x") }
    }

    @Test func rejectsWrongFieldCount() {
        #expect(throws: ObjectError.malformedHeader(object: "x", reason: "expected 3 space-separated fields, found 2")) {
            try ObjectHeader.parse(Array("ArrayChunk 0".utf8) + [0], id: "x")
        }
    }

    @Test func rejectsNonDecimalLength() {
        #expect(throws: ObjectError.self) { try ObjectHeader.parse(Array("ArrayChunk  -1".utf8) + [0], id: "x") }
        #expect(throws: ObjectError.self) { try ObjectHeader.parse(Array("ArrayChunk  01".utf8) + [0, 1], id: "x") }
    }

    @Test func rejectsOversizedObject() {
        var limits = ObjectLimits()
        limits.maxObjectBytes = 10
        let bytes = ObjectHeader.object(.arrayChunk, children: [], body: [UInt8](repeating: 0, count: 20))
        #expect(throws: ObjectError.tooLarge(object: "x", size: bytes.count, limit: 10)) { try ObjectHeader.parse(bytes, id: "x", limits: limits) }
    }

    @Test func rejectsHeaderLongerThanLimit() {
        var limits = ObjectLimits()
        limits.maxHeaderBytes = 8
        #expect(throws: ObjectError.malformedHeader(object: "x", reason: "header of 13 bytes exceeds 8")) {
            try ObjectHeader.parse(Array("ArrayChunk  0".utf8) + [0], id: "x", limits: limits)
        }
    }

    @Test func rejectsTooManyChildren() {
        var limits = ObjectLimits()
        limits.maxChildren = 1
        let bytes = ObjectHeader.object(.arrayRecord, children: [child, child.flipped], body: [])
        #expect(throws: ObjectError.tooMany(object: "x", what: "children", count: 2, limit: 1)) {
            try ObjectHeader.parse(bytes, id: "x", limits: limits)
        }
    }
}

extension ObjectID {
    /// Another valid id, for tests.
    var flipped: ObjectID { ObjectID(of: Array(rawValue.utf8)) }
}
