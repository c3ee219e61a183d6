import SwiftProtobuf

extension FleetMessage {
    /// Flower's largest array chunk: 5 MiB (`FLWR_PRIVATE_MAX_ARRAY_CHUNK_SIZE`).
    public static let defaultChunkSize = 5 * 1024 * 1024

    /// Splits the message into Flower's objects, with the same bytes and ids Flower produces.
    ///
    /// - Parameter chunkSize: the array chunk size; keep the default to match Flower (it only changes when
    ///   Flower's `FLWR_PRIVATE_MAX_ARRAY_CHUNK_SIZE` is set).
    public func deflate(chunkSize: Int = FleetMessage.defaultChunkSize) throws(ObjectError) -> DeflatedMessage {
        guard chunkSize > 0 else { throw .unrepresentable(reason: "chunk size \(chunkSize) must be positive") }
        var builder = Deflater(chunkSize: chunkSize)
        var bodyProto = Flwr_Proto_Message()
        var metadata = self.metadata
        metadata.messageID = ""
        bodyProto.metadata = metadata
        var children: [Flwr_Proto_ObjectTree] = []
        switch body {
        case .content(let content): children = [try builder.recordDict(content)]
        case .error(let error): bodyProto.error = error
        }
        let bodyBytes: [UInt8]
        do { bodyBytes = try bodyProto.serializedBytes() } catch {
            throw .unrepresentable(reason: "message metadata cannot be serialised: \(error)")
        }
        let root = builder.add(.message, children: children, body: bodyBytes)
        var listed = bodyProto
        listed.metadata.messageID = root.objectID
        return DeflatedMessage(message: listed, tree: root, objects: builder.objects)
    }
}

/// Builds objects bottom-up, remembering each one's bytes.
private struct Deflater {
    let chunkSize: Int
    var objects: [String: [UInt8]] = [:]

    init(chunkSize: Int) { self.chunkSize = chunkSize }

    /// Adds an object; the tree lists each distinct child once, in first-seen order, as Flower's dicts do.
    mutating func add(_ objectClass: ObjectClass, children: [Flwr_Proto_ObjectTree], body: [UInt8]) -> Flwr_Proto_ObjectTree {
        var distinct: [Flwr_Proto_ObjectTree] = []
        var seen = Set<String>()
        for child in children where seen.insert(child.objectID).inserted { distinct.append(child) }
        let ids = distinct.map { ObjectID(rawValue: $0.objectID)! }
        let bytes = ObjectHeader.object(objectClass, children: ids, body: body)
        let id = ObjectID(of: bytes).rawValue
        objects[id] = bytes
        var node = Flwr_Proto_ObjectTree()
        node.objectID = id
        node.children = distinct
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
        var start = 0
        while start < array.data.count {
            let end = min(start + chunkSize, array.data.count)
            let node = add(.arrayChunk, children: [], body: Array(array.data[start..<end]))
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
