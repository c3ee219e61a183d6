/// A message taken apart into Flower's content-addressed objects, ready to push or as pulled.
public struct DeflatedMessage: Sendable, Equatable {
    /// The message as listed in `messages_list`: metadata with `message_id` = the root object id, and the
    /// error, or an empty RecordDict as content (as Flower lists it; the content travels as objects).
    public var message: Flwr_Proto_Message
    /// The ids of all objects, shaped as the message's tree (children in header order, distinct per parent).
    public var tree: Flwr_Proto_ObjectTree
    /// Every object's bytes by id.
    public var objects: [String: [UInt8]]

    /// Creates a deflated message.
    public init(message: Flwr_Proto_Message, tree: Flwr_Proto_ObjectTree, objects: [String: [UInt8]]) {
        self.message = message
        self.tree = tree
        self.objects = objects
    }

    /// The message's object id.
    public var messageID: String { tree.objectID }

    /// The object ids in the order a node pulls (or pushes) them: children before parents, each id once.
    public var pullOrder: [String] { Self.pullOrder(of: tree) }

    /// The post-order of `tree` with repeated ids dropped, so every object arrives after its children.
    public static func pullOrder(of tree: Flwr_Proto_ObjectTree) -> [String] {
        var order: [String] = []
        var seen = Set<String>()
        // Explicit stack: a hostile tree must not overflow the call stack.
        var stack: [(node: Flwr_Proto_ObjectTree, expanded: Bool)] = [(tree, false)]
        while let (node, expanded) = stack.popLast() {
            if expanded {
                if seen.insert(node.objectID).inserted { order.append(node.objectID) }
            } else {
                stack.append((node, true))
                for child in node.children.reversed() { stack.append((child, false)) }
            }
        }
        return order
    }
}
