import SwiftProtobuf

extension FleetMessage {
    /// Flower's largest array chunk: 5 MiB (`FLWR_PRIVATE_MAX_ARRAY_CHUNK_SIZE`).
    public static let defaultChunkSize = 5 * 1024 * 1024

    /// Splits the message into Flower's objects, with the same bytes and ids Flower produces.
    ///
    /// - Parameter chunkSize: the array chunk size; keep the default to match Flower (it only changes when
    ///   Flower's `FLWR_PRIVATE_MAX_ARRAY_CHUNK_SIZE` is set).
    public func deflate(chunkSize: Int = FleetMessage.defaultChunkSize) throws(ObjectError) -> DeflatedMessage {
        switch body {
        case .content(let content):
            return try Self.deflate(metadata: metadata, content: Self.deflateContent(content, chunkSize: chunkSize))
        case .error(let error):
            return try Self.deflate(metadata: metadata, content: nil, error: error)
        }
    }

    /// Splits a message's content into Flower's objects, to be wrapped in messages with
    /// ``deflate(metadata:content:)``.
    ///
    /// A server sending the same model to many nodes deflates it once: only the message object (its metadata
    /// names the destination) differs between them.
    public static func deflateContent(_ content: RecordDict, chunkSize: Int = FleetMessage.defaultChunkSize)
        throws(ObjectError) -> DeflatedContent {
        guard chunkSize > 0 else { throw .unrepresentable(reason: "chunk size \(chunkSize) must be positive") }
        var builder = Deflater(chunkSize: chunkSize)
        let tree = try builder.recordDict(content)
        return DeflatedContent(tree: tree, objects: builder.objects)
    }

    /// A message with `metadata` (its `message_id` is ignored and recomputed) around deflated `content`: the
    /// same objects and ids ``deflate(chunkSize:)`` gives the whole message.
    public static func deflate(metadata: Flwr_Proto_Metadata, content: DeflatedContent) throws(ObjectError) -> DeflatedMessage {
        try deflate(metadata: metadata, content: content, error: nil)
    }

    private static func deflate(metadata: Flwr_Proto_Metadata, content: DeflatedContent?,
                                error: Flwr_Proto_Error?) throws(ObjectError) -> DeflatedMessage {
        var bodyProto = Flwr_Proto_Message()
        var bare = metadata
        bare.messageID = ""
        bodyProto.metadata = bare
        if let error { bodyProto.error = error }
        let bodyBytes: [UInt8]
        do { bodyBytes = try bodyProto.serializedBytes() } catch {
            throw .unrepresentable(reason: "message metadata cannot be serialised: \(error)")
        }
        var builder = Deflater(chunkSize: defaultChunkSize)
        if let content { builder.objects = content.objects }
        let root = builder.add(.message, children: content.map { [$0.tree] } ?? [], body: bodyBytes)
        var listed = bodyProto
        listed.metadata.messageID = root.objectID
        // Flower lists a content message with an empty RecordDict (`remove_content_from_message`): its
        // SuperLink cannot rebuild a message that has neither content nor error, and refuses the push.
        if content != nil { listed.content = Flwr_Proto_RecordDict() }
        return DeflatedMessage(message: listed, tree: root, objects: builder.objects)
    }
}

/// A message's content as Flower's objects: the record dict's tree and every object's bytes by id.
public struct DeflatedContent: Sendable, Equatable {
    /// The record dict's object tree.
    public var tree: Flwr_Proto_ObjectTree
    /// Every object of the tree, by id.
    public var objects: [String: [UInt8]]

    /// Creates deflated content.
    public init(tree: Flwr_Proto_ObjectTree, objects: [String: [UInt8]]) {
        self.tree = tree
        self.objects = objects
    }
}

/// Builds objects bottom-up, remembering each one's bytes.
private struct Deflater {
    let chunkSize: Int
    var objects: [String: [UInt8]] = [:]

    init(chunkSize: Int) { self.chunkSize = chunkSize }

    /// Adds an object; the tree lists each distinct child once, in first-seen order, as Flower's dicts do.
    mutating func add(_ objectClass: ObjectClass, children: [Flwr_Proto_ObjectTree], body: some Collection<UInt8>) -> Flwr_Proto_ObjectTree {
        var distinct: [Flwr_Proto_ObjectTree] = []
        var seen = Set<String>()
        for child in children where seen.insert(child.objectID).inserted { distinct.append(child) }
        let ids = distinct.map { ObjectID(rawValue: $0.objectID)! }
        return store(ObjectHeader.assemble(objectClass, children: ids, body: body), children: distinct)
    }

    /// Keeps a whole object's bytes and answers its tree node.
    mutating func store(_ bytes: [UInt8], children: [Flwr_Proto_ObjectTree]) -> Flwr_Proto_ObjectTree {
        let id = ObjectID(of: bytes).rawValue
        objects[id] = bytes
        var node = Flwr_Proto_ObjectTree()
        node.objectID = id
        node.children = children
        return node
    }

    mutating func recordDict(_ content: RecordDict) throws(ObjectError) -> Flwr_Proto_ObjectTree {
        var children: [Flwr_Proto_ObjectTree] = []
        var refs: [(String, FleetJSON)] = []
        for (name, record) in content.items {
            let node: Flwr_Proto_ObjectTree
            switch record {
            case .arrays(let arrays): node = arrayRecord(arrays)
            case .config(let config): node = try protoObject(.configRecord, RecordProto.proto(config))
            case .metrics(let metrics): node = try protoObject(.metricRecord, RecordProto.proto(metrics))
            }
            children.append(node)
            refs.append((name, .string(node.objectID)))
        }
        return add(.recordDict, children: children, body: FleetJSON.object(refs).encoded)
    }

    mutating func protoObject(_ objectClass: ObjectClass, _ proto: some SwiftProtobuf.Message) throws(ObjectError) -> Flwr_Proto_ObjectTree {
        let body: [UInt8]
        do { body = try proto.serializedBytes() } catch {
            throw .unrepresentable(reason: "\(objectClass.rawValue) cannot be serialised: \(error)")
        }
        return add(objectClass, children: [], body: body)
    }

    mutating func arrayRecord(_ record: FleetArrayRecord) -> Flwr_Proto_ObjectTree {
        var children: [Flwr_Proto_ObjectTree] = []
        var refs: [(String, FleetJSON)] = []
        for (name, array) in record.items {
            let node = self.array(array)
            children.append(node)
            refs.append((name, .string(node.objectID)))
        }
        return add(.arrayRecord, children: children, body: FleetJSON.object(refs).encoded)
    }

    mutating func array(_ array: FleetArray) -> Flwr_Proto_ObjectTree {
        var chunks: [Flwr_Proto_ObjectTree] = []
        var distinct: [String] = []
        var indices: [FleetJSON] = []
        let bytes = array.bytes
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = min(start + chunkSize, bytes.endIndex)
            // Bytes written behind their chunk's header travel as they are when they make one chunk.
            let node = if let object = array.chunkObject, end == bytes.endIndex, start == bytes.startIndex {
                store(object, children: [])
            } else {
                add(.arrayChunk, children: [], body: bytes[start..<end])
            }
            if let index = distinct.firstIndex(of: node.objectID) {
                indices.append(.int(Int64(index)))
            } else {
                indices.append(.int(Int64(distinct.count)))
                distinct.append(node.objectID)
            }
            chunks.append(node)
            start = end
        }
        let body = FleetJSON.object([
            ("dtype", .string(array.dtype)),
            ("shape", .array(array.shape.map { .int(Int64($0)) })),
            ("stype", .string(array.stype)),
            ("arraychunk_ids", .array(indices)),
        ])
        return add(.array, children: chunks, body: body.encoded)
    }
}
