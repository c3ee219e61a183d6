/// Decoding the items of a split body.
extension ObjectMessageBody {
    /// Whether the whole message arrived and its structure was read, so its items can be decoded from the
    /// framing with their contents kept apart.
    var isReadWhole: Bool {
        guard !stopped, filling == nil, position == framing.count else { return false }
        if case .top = level { return shape.isBatch }
        return !shape.isBatch
    }

    /// The items of the message, decoded as a message of `expected` shape: from the split bytes when they
    /// were read whole, otherwise (or on any error) from ``joined()``, so results and errors are those of
    /// the joined bytes.
    func decode<Item: ProtobufWireItem>(_ type: Item.Type, as expected: Shape) throws(ProtobufWireError) -> [Item] {
        guard shape == expected, isReadWhole else { return try Self.decodeJoined(joined(), Item.self, as: expected) }
        var spans = items
        if !shape.isBatch, case .item(var span, _) = level {
            span.end = position
            spans = [span]
        }
        var result: [Item] = []
        result.reserveCapacity(spans.count)
        for span in spans {
            // The item's bytes with each content kept apart written as empty; the last content then goes in.
            var bytes: [UInt8] = []
            bytes.reserveCapacity(span.end - span.start)
            var cursor = span.start
            for length in span.lengths {
                bytes.append(contentsOf: framing[cursor..<length.lowerBound])
                bytes.append(0)
                cursor = length.upperBound
            }
            bytes.append(contentsOf: framing[cursor..<span.end])
            guard var item = try? Item.read(bytes, range: bytes.indices) else {
                return try Self.decodeJoined(joined(), Item.self, as: expected)
            }
            if let last = span.lastContent { item.content = contents[last].bytes }
            result.append(item)
        }
        return result
    }

    /// The items of `bytes`, a whole message of `shape`.
    static func decodeJoined<Item: ProtobufWireItem>(_ bytes: [UInt8], _ type: Item.Type, as shape: Shape) throws(ProtobufWireError) -> [Item] {
        shape.isBatch ? try Item.readBatch(bytes) : [try Item.read(bytes, range: bytes.indices)]
    }
}
