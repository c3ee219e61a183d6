import Foundation
import SwiftletFleetProtocol
import Testing
@testable import SwiftletFleetNode

/// A pending reply keeps only its objects, and is rebuilt for a new node id exactly as the message deflated
/// again would be.
@Suite struct PendingReplyTests {
    static let content = RecordDict([
        ("arrays", .arrays(FleetArrayRecord([("0", FleetArray(dtype: "float32", shape: [2], stype: "numpy.ndarray",
                                                              data: [0, 0, 128, 63, 0, 0, 0, 64]))]))),
        ("metrics", .metrics(FleetMetricRecord([("loss", .value(.double(0.25)))]))),
    ])

    static func metadata(source: UInt64) -> Flwr_Proto_Metadata {
        var metadata = Flwr_Proto_Metadata()
        metadata.runID = 9
        metadata.srcNodeID = source
        metadata.replyToMessageID = String(repeating: "a", count: 64)
        metadata.messageType = "train"
        metadata.groupID = "2"
        metadata.createdAt = 1_800_000_000
        return metadata
    }

    @Test func aContentReplyRebuiltForANewNodeIsThatNodesReplyDeflatedAfresh() throws {
        let pending = PendingReply(deflated: try FleetMessage(metadata: Self.metadata(source: 5), body: .content(Self.content)).deflate(),
                                   instructionID: "i")
        let rebuilt = try pending.from(node: 8)
        let expected = try FleetMessage(metadata: Self.metadata(source: 8), body: .content(Self.content)).deflate()
        #expect(rebuilt.deflated == expected)
        #expect(rebuilt.source == 8 && rebuilt.runID == 9 && rebuilt.instructionID == "i")
        // Only the message object changed: the content objects are the same, and the old root is gone.
        #expect(rebuilt.deflated.messageID != pending.deflated.messageID)
        #expect(rebuilt.deflated.objects[pending.deflated.messageID] == nil)
        #expect(Set(rebuilt.deflated.objects.keys).subtracting([rebuilt.deflated.messageID])
                == Set(pending.deflated.objects.keys).subtracting([pending.deflated.messageID]))
    }

    @Test func anErrorReplyRebuiltForANewNodeKeepsItsError() throws {
        var failure = Flwr_Proto_Error()
        failure.code = 3
        failure.reason = "bad instruction"
        let pending = PendingReply(deflated: try FleetMessage(metadata: Self.metadata(source: 5), body: .error(failure)).deflate(),
                                   instructionID: "i")
        let rebuilt = try pending.from(node: 8)
        #expect(rebuilt.deflated == (try FleetMessage(metadata: Self.metadata(source: 8), body: .error(failure)).deflate()))
        #expect(rebuilt.deflated.message.error == failure)
    }
}
