import Foundation
import SwiftProtobuf

extension FleetMessage {
    /// Rebuilds a message from its listing, its object tree and its objects, checking everything.
    ///
    /// Every object's SHA-256 must equal its id, every child must be present, the tree must match each
    /// object's header, the root id must equal the listed `message_id`, the metadata in the root object must
    /// equal the listed metadata, and the sizes must stay within `limits`. Objects the tree does not name are
    /// rejected. Hostile input gets an ``ObjectError``; nothing traps.
    ///
    /// - Parameter idsVerified: the caller already checked every object's bytes against its id (a node as it
    ///   pulls them, the server as they are pushed): skip hashing them again. Everything else is still checked.
    public static func inflate(_ deflated: DeflatedMessage, limits: ObjectLimits = .standard,
                               idsVerified: Bool = false) throws(ObjectError) -> FleetMessage {
        var total = 0
        for (id, bytes) in deflated.objects {
            guard bytes.count <= limits.maxObjectBytes else { throw .tooLarge(object: id, size: bytes.count, limit: limits.maxObjectBytes) }
            total += bytes.count
        }
        guard total <= limits.maxTotalBytes else { throw .tooLarge(object: deflated.tree.objectID, size: total, limit: limits.maxTotalBytes) }
        guard deflated.objects.count <= limits.maxObjects else {
            throw .tooMany(object: deflated.tree.objectID, what: "objects", count: deflated.objects.count, limit: limits.maxObjects)
        }
        let rootID = deflated.tree.objectID
        guard ObjectID.isValid(rootID) else { throw .invalidID(rootID, context: "object tree root") }
        guard deflated.message.metadata.messageID == rootID else {
            throw .messageIDMismatch(messageID: deflated.message.metadata.messageID, objectID: rootID)
        }
        var inflater = Inflater(objects: deflated.objects, limits: limits, hashIDs: !idsVerified)
        let (header, body) = try inflater.open(deflated.tree, expected: .message, parent: "message list")
        let stored: Flwr_Proto_Message
        do { stored = try Flwr_Proto_Message(serializedBytes: Array(body)) } catch {
            throw .malformedBody(object: rootID, reason: "not a protobuf Message: \(error)")
        }
        guard !stored.hasContent else { throw .malformedBody(object: rootID, reason: "content must travel as a child object") }
        guard stored.metadata.messageID.isEmpty else { throw .malformedBody(object: rootID, reason: "stored metadata carries a message_id") }
        var listedMetadata = deflated.message.metadata
        listedMetadata.messageID = ""
        guard stored.metadata == listedMetadata else {
            throw .treeMismatch(object: rootID, reason: "listed metadata differs from the metadata in the message object")
        }
        // Flower's SuperLink lists a message with its content replaced by an empty RecordDict
        // (`remove_content_from_message`); anything in it would bypass the content-addressed objects.
        guard !deflated.message.hasContent || deflated.message.content == Flwr_Proto_RecordDict() else {
            throw .treeMismatch(object: rootID, reason: "the listed message must not carry content")
        }
        guard deflated.message.hasError == stored.hasError, !stored.hasError || stored.error == deflated.message.error else {
            throw .treeMismatch(object: rootID, reason: "listed error differs from the error in the message object")
        }
        let messageBody: Body
        switch (stored.hasError, header.children.count) {
        case (true, 0): messageBody = .error(stored.error)
        case (false, 1): messageBody = .content(try inflater.recordDict(deflated.tree.children[0], parent: rootID))
        case (true, _): throw .treeMismatch(object: rootID, reason: "an error message has no content child")
        case (false, let n): throw .treeMismatch(object: rootID, reason: "a content message has exactly 1 child, found \(n)")
        }
        let unused = Set(deflated.objects.keys).subtracting(inflater.visited)
        if let extra = unused.sorted().first {
            throw .treeMismatch(object: extra, reason: "object is not part of message \(rootID)'s tree")
        }
        var metadata = stored.metadata
        metadata.messageID = rootID
        return FleetMessage(metadata: metadata, body: messageBody)
    }
}

/// Walks a tree top-down, verifying each object against its id and header before decoding it.
private struct Inflater {
    let objects: [String: [UInt8]]
    let limits: ObjectLimits
    var visited = Set<String>()
    var verified: [String: (ObjectHeader, Int)] = [:]

    let hashIDs: Bool

    init(objects: [String: [UInt8]], limits: ObjectLimits, hashIDs: Bool) {
        self.hashIDs = hashIDs
        self.objects = objects
        self.limits = limits
    }

    /// The verified header and body of the tree node's object, whose children must match the tree.
    mutating func open(_ node: Flwr_Proto_ObjectTree, expected: ObjectClass,
                       parent: String) throws(ObjectError) -> (ObjectHeader, ArraySlice<UInt8>) {
        let id = node.objectID
        guard ObjectID.isValid(id) else { throw .invalidID(id, context: "object tree under \(parent)") }
        guard let bytes = objects[id] else { throw .missingObject(id, parent: parent) }
        let header: ObjectHeader
        let bodyStart: Int
        if let cached = verified[id] {
            (header, bodyStart) = cached
        } else {
            if hashIDs {
                let actual = ObjectID(of: bytes).rawValue
                guard actual == id else { throw .idMismatch(expected: id, actual: actual) }
            }
            (header, bodyStart) = try ObjectHeader.parse(bytes, id: id, limits: limits)
            verified[id] = (header, bodyStart)
        }
        visited.insert(id)
        guard header.objectClass == expected else { throw .unexpectedClass(object: id, expected: expected, actual: header.objectClass) }
        if let bad = node.children.first(where: { !ObjectID.isValid($0.objectID) }) {
            throw .invalidID(bad.objectID, context: "object tree under \(id)")
        }
        let treeChildren = node.children.map(\.objectID)
        guard treeChildren == header.children.map(\.rawValue) else {
            throw .treeMismatch(object: id, reason: "tree lists \(treeChildren.count) children \(treeChildren), header lists \(header.children.map(\.rawValue))")
        }
        return (header, bytes[bodyStart...])
    }

    /// Parses a `{name: child id}` JSON body whose ids are exactly the header's children.
    func references(_ body: ArraySlice<UInt8>, header: ObjectHeader, id: String) throws(ObjectError) -> [(String, String)] {
        let json: FleetJSON
        do { json = try FleetJSON.parse(Array(body)) } catch { throw .malformedBody(object: id, reason: "JSON: \(error)") }
        guard case .object(let items) = json else { throw .malformedBody(object: id, reason: "expected a JSON object") }
        var refs: [(String, String)] = []
        for (name, value) in items {
            guard case .string(let child) = value else { throw .malformedBody(object: id, reason: "'\(name)' is not an id string") }
            refs.append((name, child))
        }
        guard Set(refs.map(\.1)) == Set(header.children.map(\.rawValue)) else {
            throw .treeMismatch(object: id, reason: "body references differ from the header's children")
        }
        return refs
    }

    func child(_ node: Flwr_Proto_ObjectTree, _ id: String) -> Flwr_Proto_ObjectTree {
        node.children.first { $0.objectID == id }!
    }

    mutating func recordDict(_ node: Flwr_Proto_ObjectTree, parent: String) throws(ObjectError) -> RecordDict {
        let (header, body) = try open(node, expected: .recordDict, parent: parent)
        let id = node.objectID
        var content = RecordDict()
        for (name, childID) in try references(body, header: header, id: id) {
            let childNode = child(node, childID)
            guard let childBytes = objects[childID] else { throw .missingObject(childID, parent: id) }
            let kind = try ObjectHeader.parse(childBytes, id: childID, limits: limits).header.objectClass
            switch kind {
            case .arrayRecord: content[name] = .arrays(try arrayRecord(childNode, parent: id))
            case .configRecord:
                let (_, recordBody) = try open(childNode, expected: .configRecord, parent: id)
                let proto: Flwr_Proto_ConfigRecord
                do { proto = try Flwr_Proto_ConfigRecord(serializedBytes: Array(recordBody)) } catch {
                    throw .malformedBody(object: childID, reason: "not a protobuf ConfigRecord: \(error)")
                }
                content[name] = .config(try RecordProto.record(proto, object: childID))
            case .metricRecord:
                let (_, recordBody) = try open(childNode, expected: .metricRecord, parent: id)
                let proto: Flwr_Proto_MetricRecord
                do { proto = try Flwr_Proto_MetricRecord(serializedBytes: Array(recordBody)) } catch {
                    throw .malformedBody(object: childID, reason: "not a protobuf MetricRecord: \(error)")
                }
                content[name] = .metrics(try RecordProto.record(proto, object: childID))
            default: throw .unexpectedClass(object: childID, expected: .arrayRecord, actual: kind)
            }
        }
        return content
    }

    mutating func arrayRecord(_ node: Flwr_Proto_ObjectTree, parent: String) throws(ObjectError) -> FleetArrayRecord {
        let (header, body) = try open(node, expected: .arrayRecord, parent: parent)
        var record = FleetArrayRecord()
        for (name, childID) in try references(body, header: header, id: node.objectID) {
            record[name] = try array(child(node, childID), parent: node.objectID)
        }
        return record
    }

    mutating func array(_ node: Flwr_Proto_ObjectTree, parent: String) throws(ObjectError) -> FleetArray {
        let (header, body) = try open(node, expected: .array, parent: parent)
        let id = node.objectID
        let json: FleetJSON
        do { json = try FleetJSON.parse(Array(body)) } catch { throw .malformedBody(object: id, reason: "JSON: \(error)") }
        guard case .object(let items) = json else { throw .malformedBody(object: id, reason: "expected a JSON object") }
        func field(_ key: String) throws(ObjectError) -> FleetJSON {
            guard let value = items.first(where: { $0.0 == key })?.1 else { throw .malformedBody(object: id, reason: "missing '\(key)'") }
            return value
        }
        guard case .string(let dtype) = try field("dtype"), case .string(let stype) = try field("stype"),
              case .array(let shapeJSON) = try field("shape"), case .array(let indexJSON) = try field("arraychunk_ids") else {
            throw .malformedBody(object: id, reason: "dtype/stype must be strings, shape/arraychunk_ids lists")
        }
        var shape: [Int] = []
        for dimension in shapeJSON {
            guard case .int(let d) = dimension, d >= 0, d <= Int32.max else {
                throw .malformedBody(object: id, reason: "shape entries must be non-negative 32-bit integers")
            }
            shape.append(Int(d))
        }
        var chunkData: [String: ArraySlice<UInt8>] = [:]
        for chunkNode in node.children {
            let (_, chunkBody) = try open(chunkNode, expected: .arrayChunk, parent: id)
            chunkData[chunkNode.objectID] = chunkBody
        }
        var chunks: [ArraySlice<UInt8>] = []
        var total = 0
        var used = Set<Int>()
        for entry in indexJSON {
            guard case .int(let index) = entry, index >= 0, index < header.children.count else {
                throw .malformedBody(object: id, reason: "arraychunk_ids entry out of range 0..<\(header.children.count)")
            }
            used.insert(Int(index))
            let chunk = chunkData[header.children[Int(index)].rawValue]!
            guard total + chunk.count <= limits.maxTotalBytes else {
                throw .tooLarge(object: id, size: total + chunk.count, limit: limits.maxTotalBytes)
            }
            total += chunk.count
            chunks.append(chunk)
        }
        guard used.count == header.children.count else {
            throw .treeMismatch(object: id, reason: "\(header.children.count - used.count) chunk(s) listed but never used")
        }
        // One chunk (a Swiftlet peer's packed model, any array under the chunk size): keep its bytes where
        // they are. Several are joined into an array of their own.
        if chunks.count == 1 { return FleetArray(dtype: dtype, shape: shape, stype: stype, bytes: chunks[0]) }
        var data: [UInt8] = []
        data.reserveCapacity(total)
        for chunk in chunks { data.append(contentsOf: chunk) }
        return FleetArray(dtype: dtype, shape: shape, stype: stype, data: data)
    }
}
