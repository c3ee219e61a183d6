/// One object a node pushes: Flower's `PushObjectRequest`, with its bytes as `[UInt8]`.
///
/// Nodes encode and servers decode uploads through this type (``serialized()``, ``init(serializedBytes:)``,
/// and the batch forms for Swiftlet's `PushObjects`) rather than the generated `Flwr_Proto_PushObjectRequest`,
/// so an update is copied once between the wire and the bytes the store and aggregator use. The bytes on the
/// wire are the same either way.
public struct ObjectUpload: Sendable, Equatable {
    /// The node pushing (`node.node_id`, field 1.1).
    public var nodeID: UInt64
    /// The run the object belongs to (`run_id`, field 2).
    public var runID: UInt64
    /// The object's id (`object_id`, field 3): the SHA-256 of ``content`` when it is sound.
    public var objectID: String
    /// The object's bytes (`object_content`, field 4).
    public var content: [UInt8]
    /// The session PushMessages opened for the reply (`session_id`, field 5).
    public var sessionID: String

    /// Creates an upload.
    public init(nodeID: UInt64 = 0, runID: UInt64 = 0, objectID: String = "", content: [UInt8] = [], sessionID: String = "") {
        self.nodeID = nodeID
        self.runID = runID
        self.objectID = objectID
        self.content = content
        self.sessionID = sessionID
    }
}

extension ObjectUpload: ProtobufWireItem {
    /// The upload as a `flwr.proto.PushObjectRequest`.
    public func serialized() -> [UInt8] {
        wireBytes()
    }

    /// Decodes a `flwr.proto.PushObjectRequest`.
    /// - Throws: ``ProtobufWireError`` for bytes that are not one.
    public init(serializedBytes bytes: [UInt8]) throws(ProtobufWireError) {
        self = try Self.read(bytes, range: bytes.indices)
    }

    /// Decodes a `flwr.proto.PushObjectRequest` received into `body` (``ObjectMessageBody/Shape/upload``),
    /// taking its content's array rather than copying it.
    /// - Throws: ``ProtobufWireError`` for bytes that are not one, as ``init(serializedBytes:)`` does.
    public init(body: ObjectMessageBody) throws(ProtobufWireError) {
        self = try body.decode(Self.self, as: .upload)[0]
    }

    /// A batch of uploads as a `swiftlet.fleet.PushObjectsRequest`.
    public static func serializedBatch(_ uploads: [ObjectUpload]) -> [UInt8] {
        wireBatch(uploads)
    }

    /// The message of `uploads` in parts whose concatenation is ``serializedBatch(_:)`` (or, with `batch`
    /// false and one upload, ``serialized()``): the framing in small arrays and each content of
    /// ``sharedContentBytes`` or more as the upload's own array, shared rather than copied.
    ///
    /// A transport writes the parts one after the other (``FleetTransport/send(_:parts:)``), so pushing an
    /// update never joins it into a new model-sized array.
    public static func serializedParts(_ uploads: [ObjectUpload], batch: Bool = true) -> [[UInt8]] {
        precondition(batch || uploads.count == 1, "a PushObjectRequest holds one upload")
        var parts: [[UInt8]] = []
        var framing = ProtobufWireWriter(capacity: 256)
        for upload in uploads {
            if batch { framing.header(1, length: upload.serializedSize) }
            upload.writeHead(to: &framing)
            if upload.content.count >= sharedContentBytes {
                framing.header(4, length: upload.content.count)
                parts.append(framing.bytes)
                parts.append(upload.content)
                framing = ProtobufWireWriter(capacity: 256)
            } else {
                framing.bytes(4, upload.content)
            }
            framing.bytes(5, upload.sessionID.utf8)
        }
        if !framing.bytes.isEmpty { parts.append(framing.bytes) }
        return parts
    }

    /// The content size from which ``serializedParts(_:batch:)`` shares a content instead of copying it into
    /// the framing.
    public static let sharedContentBytes = 4096

    /// Decodes a `swiftlet.fleet.PushObjectsRequest` into its uploads, in order.
    /// - Throws: ``ProtobufWireError`` for bytes that are not one.
    public static func batch(serializedBytes bytes: [UInt8]) throws(ProtobufWireError) -> [ObjectUpload] {
        try readBatch(bytes)
    }

    /// Decodes a `swiftlet.fleet.PushObjectsRequest` received into `body`
    /// (``ObjectMessageBody/Shape/uploadBatch``), taking each content's array rather than copying it.
    /// - Throws: ``ProtobufWireError`` for bytes that are not one, as ``batch(serializedBytes:)`` does.
    public static func batch(body: ObjectMessageBody) throws(ProtobufWireError) -> [ObjectUpload] {
        try body.decode(Self.self, as: .uploadBatch)
    }

    /// The size of the upload's message.
    var serializedSize: Int {
        let node = nodeID == 0 ? 0 : 1 + ProtobufWireWriter.varintSize(nodeID)
        var size = ProtobufWireWriter.lengthDelimitedSize(1, length: node)
        if runID != 0 { size += 1 + ProtobufWireWriter.varintSize(runID) }
        if !objectID.isEmpty { size += ProtobufWireWriter.lengthDelimitedSize(3, length: objectID.utf8.count) }
        if !content.isEmpty { size += ProtobufWireWriter.lengthDelimitedSize(4, length: content.count) }
        if !sessionID.isEmpty { size += ProtobufWireWriter.lengthDelimitedSize(5, length: sessionID.utf8.count) }
        return size
    }

    /// Writes the upload's fields; `node` is always written, as nodes always set it.
    func write(to writer: inout ProtobufWireWriter) {
        writeHead(to: &writer)
        writer.bytes(4, content)
        writer.bytes(5, sessionID.utf8)
    }

    /// Writes the fields before the content: node, run and object id.
    func writeHead(to writer: inout ProtobufWireWriter) {
        writer.header(1, length: nodeID == 0 ? 0 : 1 + ProtobufWireWriter.varintSize(nodeID))
        writer.uint64(1, nodeID)
        writer.uint64(2, runID)
        writer.bytes(3, objectID.utf8)
    }

    /// Reads the upload in `range` of `bytes`, copying its content once, from the last `object_content`.
    static func read(_ bytes: [UInt8], range: Range<Int>) throws(ProtobufWireError) -> ObjectUpload {
        var reader = ProtobufWireReader(bytes, range: range)
        var upload = ObjectUpload()
        var content: Range<Int>?
        while let tag = try reader.tag() {
            switch (tag.number, tag.wireType) {
            case (1, .lengthDelimited):
                // A message field given twice is merged: a later `node` without node_id keeps the earlier one.
                if let id = try nodeID(bytes, range: try reader.lengthDelimited()) { upload.nodeID = id }
            case (2, .varint): upload.runID = try reader.varint()
            case (3, .lengthDelimited): upload.objectID = try reader.string(field: "object_id")
            case (4, .lengthDelimited): content = try reader.lengthDelimited()
            case (5, .lengthDelimited): upload.sessionID = try reader.string(field: "session_id")
            default: try reader.skip(tag)
            }
        }
        if let content { upload.content = Array(bytes[content]) }
        return upload
    }

    /// The `node_id` of the `flwr.proto.Node` in `range`, or `nil` when it has none.
    static func nodeID(_ bytes: [UInt8], range: Range<Int>) throws(ProtobufWireError) -> UInt64? {
        var reader = ProtobufWireReader(bytes, range: range)
        var id: UInt64?
        while let tag = try reader.tag() {
            if tag == .init(number: 1, wireType: .varint) { id = try reader.varint() } else { try reader.skip(tag) }
        }
        return id
    }
}
