/// A message with its own wire code (``ObjectUpload``, ``ObjectDownload``), and the batches of them Swiftlet's
/// object calls carry: a message whose only field is the repeated item, field 1.
protocol ProtobufWireItem {
    /// The size of the item's message.
    var serializedSize: Int { get }
    /// The item's `object_content`.
    var content: [UInt8] { get set }
    /// Writes the item's fields.
    func write(to writer: inout ProtobufWireWriter)
    /// Reads the item whose message is `range` of `bytes`.
    static func read(_ bytes: [UInt8], range: Range<Int>) throws(ProtobufWireError) -> Self
}

extension ProtobufWireItem {
    /// The item's message.
    func wireBytes() -> [UInt8] {
        var writer = ProtobufWireWriter(capacity: serializedSize)
        write(to: &writer)
        return writer.bytes
    }

    /// A batch message holding `items` as its field 1, in order.
    static func wireBatch(_ items: [Self]) -> [UInt8] {
        let sizes = items.map(\.serializedSize)
        var writer = ProtobufWireWriter(capacity: sizes.reduce(0) { $0 + ProtobufWireWriter.lengthDelimitedSize(1, length: $1) })
        for (item, size) in zip(items, sizes) {
            writer.header(1, length: size)
            item.write(to: &writer)
        }
        return writer.bytes
    }

    /// The items of a batch message, in order; other fields are skipped, as SwiftProtobuf skips them.
    static func readBatch(_ bytes: [UInt8]) throws(ProtobufWireError) -> [Self] {
        var reader = ProtobufWireReader(bytes)
        var items: [Self] = []
        while let tag = try reader.tag() {
            guard tag == .init(number: 1, wireType: .lengthDelimited) else {
                try reader.skip(tag)
                continue
            }
            items.append(try read(bytes, range: try reader.lengthDelimited()))
        }
        return items
    }
}
