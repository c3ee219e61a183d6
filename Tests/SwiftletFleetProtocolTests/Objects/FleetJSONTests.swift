import Testing
@testable import SwiftletFleetProtocol

@Suite struct FleetJSONTests {
    @Test func writesPythonSeparators() {
        let json = FleetJSON.object([("dtype", .string("float32")), ("shape", .array([.int(2), .int(3)])), ("ids", .array([]))])
        #expect(String(decoding: json.encoded, as: UTF8.self) == #"{"dtype": "float32", "shape": [2, 3], "ids": []}"#)
    }

    @Test func escapesLikePythonEnsureASCII() {
        // json.dumps("é\"\\\n\u{7f}😀") == "\"\\u00e9\\\"\\\\\\n\\u007f\\ud83d\\ude00\""
        let text = String(decoding: FleetJSON.string("é\"\\\n\u{7f}😀").encoded, as: UTF8.self)
        #expect(text == #""\u00e9\"\\\n\u007f\ud83d\ude00""#)
    }

    @Test func parsesWhatItWrites() throws {
        let json = FleetJSON.object([("k é", .string("v\t😀")), ("n", .array([.int(-3), .int(0)]))])
        #expect(try FleetJSON.parse(json.encoded) == json)
    }

    @Test func rejectsFloatsAndDuplicateKeys() {
        #expect(throws: FleetJSONError.self) { try FleetJSON.parse(Array("[1.5]".utf8)) }
        #expect(throws: FleetJSONError.self) { try FleetJSON.parse(Array(#"{"a": "1", "a": "2"}"#.utf8)) }
    }

    @Test func rejectsDeepNesting() {
        #expect(throws: FleetJSONError.self) { try FleetJSON.parse(Array(String(repeating: "[", count: 10_000).utf8)) }
    }

    @Test func rejectsTrailingBytesAndInvalidUTF8() {
        #expect(throws: FleetJSONError.self) { try FleetJSON.parse(Array("[] x".utf8)) }
        #expect(throws: FleetJSONError.self) { try FleetJSON.parse([0x22, 0xFF, 0x22]) }
    }

    @Test func rejectsUnpairedSurrogate() {
        #expect(throws: FleetJSONError.self) { try FleetJSON.parse(Array(#""\ud83d""#.utf8)) }
    }
}
