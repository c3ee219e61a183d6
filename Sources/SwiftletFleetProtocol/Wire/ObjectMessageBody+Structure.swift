/// Reading the message's structure as its bytes arrive, to find the contents to keep apart.
extension ObjectMessageBody {
    /// What reading a varint from the framing gave.
    enum VarintRead {
        case value(UInt64, next: Int)
        /// The framing ends inside it.
        case needMore
        /// It is longer than ten bytes.
        case invalid
    }

    /// The logical position in the message of `framingPosition`, which is at or past every content kept apart.
    func messageOffset(_ framingPosition: Int) -> Int { framingPosition + separatedBytes }

    /// Reads fields from ``position`` while the framing holds whole ones, opening a content kept apart when one
    /// starts; stops the splitting at anything ``ProtobufWireReader`` would not read the same way.
    mutating func readStructure() {
        while !stopped && filling == nil {
            if case .item(var span, let end) = level, messageOffset(position) == end {
                span.end = position
                items.append(span)
                level = .top
                continue
            }
            guard position < framing.count else { return }
            var next = position
            guard case .value(let raw, let afterTag) = varint(at: next) else {
                if case .invalid = varint(at: next) { stopped = true }
                return
            }
            next = afterTag
            guard raw < UInt64(UInt32.max), raw >> 3 != 0, let wireType = ProtobufWireReader.WireType(rawValue: UInt8(raw & 7)) else {
                stopped = true
                return
            }
            let number = UInt32(raw >> 3)
            let end: Int
            switch level {
            case .top: end = Int.max
            case .item(_, let itemEnd): end = itemEnd
            }
            // Everything a field occupies must lie inside the item, as the reader checks against its end.
            func inside(_ framingPosition: Int) -> Bool { messageOffset(framingPosition) <= end }
            guard inside(next) else { stopped = true; return }
            switch wireType {
            case .varint:
                switch varint(at: next) {
                case .value(_, let after): guard inside(after) else { stopped = true; return }; position = after
                case .needMore: return
                case .invalid: stopped = true; return
                }
            case .fixed64, .fixed32:
                let size = wireType == .fixed64 ? 8 : 4
                guard inside(next + size) else { stopped = true; return }
                guard next + size <= framing.count else { return }
                position = next + size
            case .lengthDelimited:
                let lengthStart = next
                let length: UInt64
                switch varint(at: next) {
                case .value(let value, let after): length = value; next = after
                case .needMore: return
                case .invalid: stopped = true; return
                }
                guard inside(next), length <= UInt64(end - messageOffset(next)) else { stopped = true; return }
                let count = Int(length)
                if case .top = level, shape.isBatch, number == 1 {
                    position = next
                    level = .item(ItemSpan(start: next), end: messageOffset(next) + count)
                } else if case .item(var span, let itemEnd) = level, number == shape.contentField {
                    if count >= Self.separateContentBytes {
                        span.lengths.append(lengthStart..<next)
                        span.lastContent = contents.count
                        level = .item(span, end: itemEnd)
                        openContent(at: next, count: count)
                    } else {
                        guard next + count <= framing.count else { return }
                        span.lastContent = nil
                        level = .item(span, end: itemEnd)
                        position = next + count
                    }
                } else {
                    guard next + count <= framing.count else { return }
                    position = next + count
                }
            case .startGroup, .endGroup:
                stopped = true
            }
        }
    }

    /// Starts keeping a content of `count` bytes apart from ``framing`` position `start` on.
    mutating func openContent(at start: Int, count: Int) {
        var bytes: [UInt8] = []
        // Reserve what the sender declared is coming, never more: a length field is the sender's word only.
        if let expectedLength { bytes.reserveCapacity(min(count, max(0, expectedLength - messageOffset(start)))) }
        contents.append(Content(offset: start, bytes: bytes))
        separatedBytes += count
        position = start
        filling = (contents.count - 1, count)
    }

    /// The varint at `start` in ``framing``.
    func varint(at start: Int) -> VarintRead {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        var index = start
        while true {
            guard index < framing.count else { return shift <= 63 ? .needMore : .invalid }
            guard shift <= 63 else { return .invalid }
            let byte = framing[index]
            index += 1
            value |= UInt64(byte & 0x7F) &<< shift
            if byte & 0x80 == 0 { return .value(value, next: index) }
            shift += 7
        }
    }
}
