import SwiftletFleetProtocol

/// A node's reply, complete: its message (metadata and any error), object tree and every object's bytes.
public struct IncomingReply: Sendable, Equatable {
    /// The reply message as the node pushed it.
    public var message: Flwr_Proto_Message
    /// The reply's object tree; its root id is the reply's message id.
    public var tree: Flwr_Proto_ObjectTree
    /// Every object in the tree, by id.
    public var objects: [String: [UInt8]]

    /// Creates a reply.
    public init(message: Flwr_Proto_Message, tree: Flwr_Proto_ObjectTree, objects: [String: [UInt8]]) {
        self.message = message
        self.tree = tree
        self.objects = objects
    }
}
