import Testing
import SwiftletFederated

@Suite struct CodecSpecificationTests {
    @Test func quantizerAloneParsesWithDefaults() throws {
        #expect(try CompressedCodec(specification: "u8").quantizer == .blockwise8(blockSize: 256))
        #expect(try CompressedCodec(specification: "qsgd:4").quantizer == .qsgd(bits: 4, bucketSize: 512))
        #expect(try CompressedCodec(specification: "sign").quantizer == .sign(blockSize: 1024))
        #expect(try CompressedCodec(specification: "bf16").sparsifier == nil)
    }

    @Test func sparsifierAloneKeepsFloat32Values() throws {
        let codec = try CompressedCodec(specification: "topk:0.01")
        #expect(codec.sparsifier == .topK(fraction: 0.01))
        #expect(codec.quantizer == .float32)
    }

    @Test func nameIsTheCanonicalSpecification() throws {
        #expect(try CompressedCodec(specification: "topk:0.01+u8").name == "topk:0.01+u8:256")
        #expect(try CompressedCodec(specification: "randk:0.5+qsgd:2:64").name == "randk:0.5+qsgd:2:64")
        #expect(try CompressedCodec(specification: "threshold:0.001+f16").name == "threshold:0.001+f16")
    }

    @Test func nameParsesBackToTheSameCodec() throws {
        for spec in ["f32", "f16", "u8:32", "qsgd:3:128", "sign:64", "topk:0.02+u8:256", "randk:0.1+bf16", "threshold:0.5+sign:8"] {
            let codec = try CompressedCodec(specification: spec)
            #expect(try CompressedCodec(specification: codec.name) == codec)
        }
    }

    @Test func identifierIsTheWireFormatsForEveryPipeline() throws {
        #expect(try CompressedCodec(specification: "topk:0.1+u8").identifier == "swc")
        #expect(try CompressedCodec(specification: "f16").identifier == "swc")
    }

    @Test func unknownStageIsNamed() {
        let error = #expect(throws: CodecError.self) { try CompressedCodec(specification: "zstd") }
        #expect(error?.description == "codec 'zstd': unknown stage 'zstd' (quantizers: f32, f16, bf16, u8, qsgd, sign; sparsifiers: topk, randk, threshold)")
    }

    @Test func quantizerBeforeSparsifierIsRefused() {
        #expect(throws: CodecError.invalidSpecification("u8+topk:0.1", reason: "a quantizer ('u8') must come last")) {
            try CompressedCodec(specification: "u8+topk:0.1")
        }
    }

    @Test func twoSparsifiersAreRefused() {
        #expect(throws: CodecError.invalidSpecification("topk:0.1+randk:0.1", reason: "a sparsifier ('randk') must come first")) {
            try CompressedCodec(specification: "topk:0.1+randk:0.1")
        }
    }

    @Test func missingOrNonNumericParametersAreRefused() {
        #expect(throws: CodecError.invalidSpecification("topk", reason: "'topk' needs a fraction")) {
            try CompressedCodec(specification: "topk")
        }
        #expect(throws: CodecError.invalidSpecification("qsgd:four", reason: "a bit count of 'qsgd' is 'four', not a number")) {
            try CompressedCodec(specification: "qsgd:four")
        }
        #expect(throws: CodecError.invalidSpecification("f16:2", reason: "'f16' takes at most 0 parameters")) {
            try CompressedCodec(specification: "f16:2")
        }
    }

    @Test func parametersOutOfRangeAreRefused() {
        #expect(throws: CodecError.invalidParameter(codec: "swc", stage: "topk:0.0", reason: "fraction must be in (0, 1]")) {
            try CompressedCodec(specification: "topk:0")
        }
        #expect(throws: CodecError.invalidParameter(codec: "swc", stage: "qsgd:9:512", reason: "bits 9 is outside 1...8")) {
            try CompressedCodec(specification: "qsgd:9")
        }
        #expect(throws: CodecError.invalidParameter(codec: "swc", stage: "u8:70000", reason: "block size 70000 is outside 1...65536")) {
            try CompressedCodec(specification: "u8:70000")
        }
        #expect(throws: CodecError.invalidParameter(codec: "swc", stage: "threshold:-1.0", reason: "threshold must be finite and ≥ 0")) {
            try CompressedCodec(specification: "threshold:-1")
        }
    }

    @Test func registryBuildsFloat32OrAPipeline() throws {
        #expect(try CodecRegistry.codec(specification: "f32le") is Float32Codec)
        #expect(try CodecRegistry.codec(specification: "topk:0.01+u8") is CompressedCodec)
    }

    @Test func standardRegistryDecodesAnyPipeline() throws {
        let values: [Float] = [0, 3, 0, -1, 0, 0, 2, 0]
        let payload = EncodedArrays(codec: "swc", bytes: try encoded("topk:0.25+f16", values), isDelta: true)
        #expect(try CodecRegistry.standard.decode(payload, count: 8) == [0, 3, 0, 0, 0, 0, 2, 0])
    }
}
