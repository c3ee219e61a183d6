import SwiftletFleetProtocol

/// An instruction the round engine sends to a node: its message (metadata, no content), object tree and objects.
public struct OutgoingMessage: Sendable {
    /// The message: metadata with the message id, run, destination, type, group and TTL.
    public var message: Flwr_Proto_Message
    /// The message's object tree; its root id is the message id.
    public var tree: Flwr_Proto_ObjectTree
    /// Every object in the tree, by id (the lowercase hex SHA-256 of its bytes).
    public var objects: [String: [UInt8]]

    /// Creates an outgoing message.
    public init(message: Flwr_Proto_Message, tree: Flwr_Proto_ObjectTree, objects: [String: [UInt8]]) {
        self.message = message
        self.tree = tree
        self.objects = objects
    }
}
