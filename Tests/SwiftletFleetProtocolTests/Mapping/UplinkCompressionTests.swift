import SwiftletFederated
import Testing
import SwiftletFleetProtocol

/// The uplink codec request travels in a train instruction's config record and is taken out again whole.
@Suite struct UplinkCompressionTests {
    let parameters = try! ArrayRecord(specs: [ArraySpec(name: "w", shape: [2])], values: [1, 2])

    @Test(arguments: ArrayEncoding.allCases)
    func theRequestRoundTripsThroughAnInstruction(encoding: ArrayEncoding) throws {
        let uplink = UplinkCompression(codec: "topk:0.01+u8", errorFeedback: true)
        let instruction = FitInstruction(round: 2, parameters: parameters, config: uplink.applied(to: ["learning-rate": .double(0.05)]))
        var received = try FleetContentMapping.fitInstruction(try FleetContentMapping.content(instruction, encoding: encoding))
        #expect(try UplinkCompression.extract(from: &received.config) == uplink)
        #expect(received.config == ["learning-rate": .double(0.05)])
    }

    @Test func theEntriesAreWrittenUnderTheirKeys() {
        let config = UplinkCompression(codec: "sign", errorFeedback: false).applied(to: [:])
        #expect(config == [FleetContentKeys.uplinkCodec: .string("sign"), FleetContentKeys.errorFeedback: .bool(false)])
        #expect(FleetContentKeys.uplinkCodec == "swiftlet.uplink-codec" && FleetContentKeys.errorFeedback == "swiftlet.error-feedback")
    }

    @Test func aConfigWithoutTheEntriesAsksForNothing() throws {
        var config: ConfigRecord = ["learning-rate": .double(0.05)]
        #expect(try UplinkCompression.extract(from: &config) == nil)
        #expect(config == ["learning-rate": .double(0.05)])
    }

    @Test func errorFeedbackThatIsNotABoolIsRefusedByName() {
        var config: ConfigRecord = [FleetContentKeys.uplinkCodec: .string("sign"), FleetContentKeys.errorFeedback: .int(1)]
        #expect(throws: MappingError.invalidEntry(record: "config", key: "swiftlet.error-feedback", reason: "expected a bool, found int")) {
            try UplinkCompression.extract(from: &config)
        }
    }

    @Test func aCodecThatIsNotAStringIsRefusedByName() {
        var config: ConfigRecord = [FleetContentKeys.uplinkCodec: .int(8)]
        #expect(throws: MappingError.invalidEntry(record: "config", key: "swiftlet.uplink-codec",
                                                  reason: "expected a codec specification, found int")) {
            try UplinkCompression.extract(from: &config)
        }
    }

    @Test func errorFeedbackWithoutACodecIsRefused() {
        var config: ConfigRecord = [FleetContentKeys.errorFeedback: .bool(true)]
        #expect(throws: MappingError.invalidEntry(record: "config", key: "swiftlet.error-feedback",
                                                  reason: "needs 'swiftlet.uplink-codec' beside it")) {
            try UplinkCompression.extract(from: &config)
        }
    }
}
