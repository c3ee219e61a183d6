import Testing
import SwiftletFederated

@Suite struct CodecRegistryTests {
    @Test func unknownCodecIsNamedInTheError() {
        let payload = EncodedArrays(codec: "zstd", bytes: [1, 2, 3, 4], isDelta: false)
        let error = #expect(throws: CodecError.unknownCodec("zstd")) {
            try CodecRegistry.standard.decode(payload, count: 1)
        }
        #expect(error?.description == "unknown encoding 'zstd'")
    }

    @Test func standardRegistryHoldsFloat32AndTheCompressedFormat() {
        #expect(CodecRegistry.standard.identifiers == ["f32le", "swc"])
    }

    @Test func registryDecodesThroughTheNamedCodec() throws {
        let payload = EncodedArrays(codec: "f32le", bytes: [0x00, 0x00, 0x80, 0x3F], isDelta: false)
        #expect(try CodecRegistry.standard.decode(payload, count: 1) == [1])
    }

    @Test func codecErrorsPassThroughUnchanged() {
        let payload = EncodedArrays(codec: "f32le", bytes: [0x00, 0x00, 0x80], isDelta: false)
        #expect(throws: CodecError.lengthMismatch(codec: "f32le", expected: 4, actual: 3)) {
            try CodecRegistry.standard.decode(payload, count: 1)
        }
    }

    @Test func emptyRegistryKnowsNoCodec() {
        let payload = EncodedArrays(codec: "f32le", bytes: [], isDelta: false)
        #expect(throws: CodecError.unknownCodec("f32le")) { try CodecRegistry([]).decode(payload, count: 0) }
    }

    @Test func registeringAddsTheIdentifier() {
        var registry = CodecRegistry([])
        registry.register(Float32Codec())
        #expect(registry.identifiers == ["f32le"])
        #expect(registry.codec(named: "f32le") != nil)
    }
}
