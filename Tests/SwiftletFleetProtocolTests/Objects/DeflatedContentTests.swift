import Foundation
import Testing
@testable import SwiftletFleetProtocol

@Suite struct DeflatedContentTests {
    static let content = RecordDict([
        ("arrays", .arrays(FleetArrayRecord([("w", FleetArray(dtype: "float32", shape: [2], stype: "swiftlet.f32le", data: [0, 0, 128, 63, 0, 0, 0, 64]))]))),
        ("metrics", .metrics(FleetMetricRecord([("loss", .value(.double(0.5)))]))),
    ])

    static func metadata(destination: UInt64) -> Flwr_Proto_Metadata {
        var metadata = Flwr_Proto_Metadata()
        metadata.runID = 7
        metadata.dstNodeID = destination
        metadata.messageType = "train"
        metadata.groupID = "3"
        metadata.createdAt = 1_800_000_000
        return metadata
    }

    @Test func contentDeflatedOnceWrapsToTheWholeMessagesObjects() throws {
        let shared = try FleetMessage.deflateContent(Self.content)
        for destination: UInt64 in [11, 12] {
            let whole = try FleetMessage(metadata: Self.metadata(destination: destination), body: .content(Self.content)).deflate()
            let wrapped = try FleetMessage.deflate(metadata: Self.metadata(destination: destination), content: shared)
            #expect(wrapped == whole)
        }
    }

    @Test func messagesToDifferentNodesShareEveryObjectButTheirRoot() throws {
        let shared = try FleetMessage.deflateContent(Self.content)
        let a = try FleetMessage.deflate(metadata: Self.metadata(destination: 11), content: shared)
        let b = try FleetMessage.deflate(metadata: Self.metadata(destination: 12), content: shared)
        #expect(a.messageID != b.messageID)
        #expect(Set(a.objects.keys).subtracting([a.messageID]) == Set(b.objects.keys).subtracting([b.messageID]))
        #expect(try FleetMessage.inflate(b).body == .content(Self.content))
    }
}
