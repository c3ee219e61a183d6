import SwiftletFleetProtocol

/// A reply the node computed and has not yet delivered: kept across network drops and pushed again.
///
/// Only the reply's objects are kept, not the message they were made from: a model update's arrays would
/// otherwise be held twice — as the message's arrays and as the objects' bytes — for as long as delivery
/// takes, which on a flaky link can be long. A reply that must name a new source after a rejoin is rebuilt
/// around the same content objects, which do not depend on the source.
struct PendingReply: Sendable {
    /// The reply taken apart into objects.
    var deflated: DeflatedMessage
    /// The instruction it answers.
    var instructionID: String

    /// The run the reply belongs to.
    var runID: UInt64 { deflated.message.metadata.runID }
    /// The node the reply says it comes from.
    var source: UInt64 { deflated.message.metadata.srcNodeID }

    /// The same reply from `node`: a new message object (its metadata, and so its id, change) around the
    /// same content objects, or the same error.
    func from(node: UInt64) throws(ObjectError) -> PendingReply {
        var metadata = deflated.message.metadata
        metadata.srcNodeID = node
        let rebuilt: DeflatedMessage
        if let content = deflated.tree.children.first {
            var objects = deflated.objects
            objects.removeValue(forKey: deflated.messageID)
            rebuilt = try FleetMessage.deflate(metadata: metadata, content: DeflatedContent(tree: content, objects: objects))
        } else {
            rebuilt = try FleetMessage(metadata: metadata, body: .error(deflated.message.error)).deflate()
        }
        return PendingReply(deflated: rebuilt, instructionID: instructionID)
    }
}
