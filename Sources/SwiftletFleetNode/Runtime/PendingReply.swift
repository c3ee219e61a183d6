import SwiftletFleetProtocol

/// A reply the node computed and has not yet delivered: kept across network drops and pushed again.
struct PendingReply: Sendable {
    /// The reply as a message, to deflate again if the node's id changes.
    var message: FleetMessage
    /// The reply taken apart into objects.
    var deflated: DeflatedMessage
    /// The instruction it answers.
    var instructionID: String

    /// The run the reply belongs to.
    var runID: UInt64 { message.metadata.runID }
}
