import SwiftletFederated
import Testing
import SwiftletFleetProtocol

/// A compressed downlink's description and delta travel in a train instruction and are read back whole.
@Suite struct DownlinkInstructionTests {
    let parameters = try! ArrayRecord(specs: [ArraySpec(name: "w", shape: [2])], values: [1, 2])
    let base = ModelDigest(of: [1, 2])
    let model = ModelDigest(of: [3, 4])

    func content() throws -> RecordDict {
        try FleetContentMapping.content(FitInstruction(round: 2, parameters: parameters), encoding: .swiftletPacked)
    }

    @Test func theDigestIsTheSHA256OfTheLittleEndianFloats() {
        // SHA-256 of 00 00 80 3f 00 00 00 40 (1.0 and 2.0 as float32, little-endian), computed with hashlib.
        #expect(ModelDigest(of: [1, 2]).rawValue == "b9c80b5adeca450753a16950c3cc655d271f7bef7a485bc83f112b72fef21d37")
    }

    @Test func theSeedIsTheDigestsFirstEightBytes() {
        #expect(ModelDigest(of: [1, 2]).seed == 0xb9c8_0b5a_deca_4507)
    }

    @Test func aDigestIsSixtyFourLowercaseHexDigits() {
        #expect(ModelDigest(rawValue: String(repeating: "a", count: 64)) != nil)
        #expect(ModelDigest(rawValue: String(repeating: "A", count: 64)) == nil)
        #expect(ModelDigest(rawValue: "abc") == nil)
    }

    @Test func aWholeModelInstructionKeepsItsArrays() throws {
        var content = try content()
        let downlink = DownlinkInstruction(codec: "u8", base: nil, model: base)
        downlink.write(into: &content, delta: nil)
        let read = try #require(try DownlinkInstruction.read(content))
        #expect(read.0 == downlink)
        #expect(read.1 == nil)
        #expect(try FleetContentMapping.fitInstruction(content).parameters == parameters)
    }

    @Test func aDeltaInstructionCarriesTheEncodedBytesInsteadOfTheModel() throws {
        var content = try content()
        let delta = EncodedArrays(codec: "swc", bytes: [1, 2, 3], isDelta: true)
        let downlink = DownlinkInstruction(codec: "topk:0.1+u8", base: base, model: model)
        downlink.write(into: &content, delta: delta)
        let read = try #require(try DownlinkInstruction.read(content))
        #expect(read.0 == downlink)
        #expect(read.1 == delta)
        guard case .arrays(let arrays)? = content[FleetContentKeys.arrays] else { Issue.record("no arrays"); return }
        #expect(arrays.keys == [FleetContentKeys.encodedArray])
        #expect(arrays[FleetContentKeys.encodedArray]?.stype == "swiftlet.codec:swc")
        // A node answers a Swiftlet peer with the model's own names, not the delta array's.
        #expect(FleetContentMapping.arrayKeys(content) == nil)
    }

    @Test func theInstructionKeepsRoundAndConfigBesideAnotherModel() throws {
        var content = try FleetContentMapping.content(FitInstruction(round: 5, parameters: parameters, config: ["lr": .double(0.1)]),
                                                      encoding: .swiftletPacked)
        DownlinkInstruction(codec: "f32", base: base, model: model).write(into: &content, delta: EncodedArrays(codec: "swc", bytes: [0], isDelta: true))
        let applied = try parameters.with(values: [3, 4])
        #expect(try FleetContentMapping.fitInstruction(content, parameters: applied)
                == FitInstruction(round: 5, parameters: applied, config: ["lr": .double(0.1)]))
    }

    @Test func anInstructionWithoutTheRecordHasNoDownlink() throws {
        #expect(try DownlinkInstruction.read(try content()) == nil)
    }

    @Test func aMissingModelDigestIsNamed() throws {
        var content = try content()
        content[FleetContentKeys.downlink] = .config(FleetConfigRecord([(FleetContentKeys.downlinkCodec, .value(.string("u8")))]))
        #expect(throws: MappingError.missingEntry(record: "swiftlet.downlink", key: "model")) { try DownlinkInstruction.read(content) }
    }

    @Test func aMalformedBaseDigestIsNamed() throws {
        var content = try content()
        content[FleetContentKeys.downlink] = .config(FleetConfigRecord([
            (FleetContentKeys.downlinkCodec, .value(.string("u8"))), (FleetContentKeys.downlinkBase, .value(.string("xyz"))),
            (FleetContentKeys.downlinkModel, .value(.string(model.rawValue))),
        ]))
        #expect(throws: MappingError.invalidEntry(record: "swiftlet.downlink", key: "base", reason: "expected 64 lowercase hex digits")) {
            try DownlinkInstruction.read(content)
        }
    }

    @Test func aDeltaInstructionWithoutTheEncodedArrayIsRefused() throws {
        var content = try content()
        // The description says delta, but the arrays are the plain model.
        DownlinkInstruction(codec: "u8", base: base, model: model).write(into: &content, delta: nil)
        #expect(throws: MappingError.missingRecord("arrays", expected: "array record holding one 'swiftlet.encoded' array")) {
            try DownlinkInstruction.read(content)
        }
    }

    @Test func theReplyNamesTheModelTheNodeHolds() {
        var reply = RecordDict()
        #expect(DownlinkInstruction.held(in: reply) == nil)
        DownlinkInstruction.acknowledge(model, in: &reply)
        #expect(DownlinkInstruction.held(in: reply) == model)
    }
}
