import Foundation

extension EngineCheckpoint {
    /// The size of the fixed header: magic, version, flags, payload size.
    static let headerSize = 8 + 2 + 2 + 8

    /// The checkpoint as bytes, in the format documented at ``magic``. Deterministic: the same checkpoint
    /// always encodes to the same bytes (state entries are sorted by name).
    public func encoded() -> [UInt8] {
        var payload = CheckpointWriter()
        payload.append(Int64(round))
        payload.append(Int64(attempt))
        let (seconds, attoseconds) = elapsed.components
        payload.append(seconds)
        payload.append(attoseconds)
        payload.append(strategy)
        payload.append(parameters)
        payload.append(UInt32(strategyState.arrays.count))
        for (name, record) in strategyState.arrays.sorted(by: { $0.key < $1.key }) {
            payload.append(name)
            payload.append(record)
        }
        payload.append(UInt32(strategyState.doubles.count))
        for (name, value) in strategyState.doubles.sorted(by: { $0.key < $1.key }) {
            payload.append(name)
            payload.append(value.bitPattern)
        }
        payload.append(UInt32(strategyState.ints.count))
        for (name, value) in strategyState.ints.sorted(by: { $0.key < $1.key }) {
            payload.append(name)
            payload.append(Int64(value))
        }
        let json = Array(history.jsonLines().utf8)
        payload.append(UInt64(json.count))
        payload.append(json)

        var out = CheckpointWriter()
        out.append(Self.magic)
        out.append(Self.formatVersion)
        out.append(UInt16(0))
        out.append(UInt64(payload.bytes.count))
        out.append(payload.bytes)
        out.append(CRC32.checksum(out.bytes))
        return out.bytes
    }

    /// Reads a checkpoint written by ``encoded()``.
    ///
    /// Checks, in order: magic, version, reserved flags, that the payload size fits the bytes, the CRC-32,
    /// then every field (lengths against the bytes left, UTF-8, shapes against value counts, finite floats,
    /// a round ≥ 0, an attempt ≥ 1, a non-negative elapsed time, the history's JSON), and that nothing is
    /// left over.
    ///
    /// - Throws: ``CheckpointError`` naming what was wrong and at which byte.
    public init(decoding bytes: [UInt8]) throws(CheckpointError) {
        var header = CheckpointReader(bytes, end: bytes.count)
        let magic = Array(try header.take(Self.magic.count, field: "magic"))
        guard magic == Self.magic else { throw .badMagic(found: magic) }
        let version = try header.read(UInt16.self, field: "version")
        guard version == Self.formatVersion else { throw .unsupportedVersion(found: version, supported: Self.formatVersion) }
        let flagsOffset = header.offset
        let flags = try header.read(UInt16.self, field: "flags")
        guard flags == 0 else { throw .malformed(field: "flags", offset: flagsOffset, reason: "reserved flags are \(flags), expected 0") }
        let sizeOffset = header.offset
        let size = try header.read(UInt64.self, field: "payloadSize")
        let available = bytes.count - Self.headerSize
        guard let payloadSize = Int(exactly: size), payloadSize <= available else {
            throw .invalidLength(field: "payloadSize", offset: sizeOffset, value: size,
                                 reason: "exceeds the \(available) bytes after the header")
        }
        let checksumOffset = Self.headerSize + payloadSize
        var trailer = CheckpointReader(bytes, offset: checksumOffset, end: bytes.count)
        let stored = try trailer.read(UInt32.self, field: "crc32")
        guard trailer.remaining == 0 else { throw .trailingBytes(offset: trailer.offset, count: trailer.remaining) }
        let computed = CRC32.checksum(bytes[..<checksumOffset])
        guard stored == computed else { throw .checksumMismatch(stored: stored, computed: computed) }

        var reader = CheckpointReader(bytes, offset: Self.headerSize, end: checksumOffset)
        round = try reader.readInt(field: "round", in: 0...Int.max)
        attempt = try reader.readInt(field: "attempt", in: 1...Int.max)
        let elapsedOffset = reader.offset
        let seconds = try reader.read(Int64.self, field: "elapsed.seconds")
        let attoseconds = try reader.read(Int64.self, field: "elapsed.attoseconds")
        guard seconds >= 0, (0..<1_000_000_000_000_000_000).contains(attoseconds) else {
            throw .malformed(field: "elapsed", offset: elapsedOffset, reason: "\(seconds) s + \(attoseconds) as is not a non-negative duration")
        }
        elapsed = Duration(secondsComponent: seconds, attosecondsComponent: attoseconds)
        strategy = try reader.readString(field: "strategy")
        parameters = try reader.readArrays(field: "parameters")
        strategyState = try Self.readState(&reader)
        history = try Self.readHistory(&reader)
        guard reader.remaining == 0 else { throw .trailingBytes(offset: reader.offset, count: reader.remaining) }
    }

    private static func readState(_ reader: inout CheckpointReader) throws(CheckpointError) -> StrategyState {
        var state = StrategyState()
        // Each entry is at least a name length plus its smallest value.
        func name(_ kind: String, _ index: Int, existing: some Collection<String>) throws(CheckpointError) -> String {
            let offset = reader.offset
            let name = try reader.readString(field: "state.\(kind)[\(index)].name")
            guard !existing.contains(name) else { throw .malformed(field: "state.\(kind)", offset: offset, reason: "duplicate name '\(name)'") }
            return name
        }
        for index in 0..<(try reader.readCount(UInt32.self, field: "state.arrays", itemSize: 16)) {
            let key = try name("arrays", index, existing: state.arrays.keys)
            state.arrays[key] = try reader.readArrays(field: "state.arrays[\(key)]")
        }
        for index in 0..<(try reader.readCount(UInt32.self, field: "state.doubles", itemSize: 12)) {
            let key = try name("doubles", index, existing: state.doubles.keys)
            let value = Double(bitPattern: try reader.read(UInt64.self, field: "state.doubles[\(key)]"))
            guard value.isFinite else { throw .nonFiniteValue(field: "state.doubles[\(key)]", index: 0) }
            state.doubles[key] = value
        }
        for index in 0..<(try reader.readCount(UInt32.self, field: "state.ints", itemSize: 12)) {
            let key = try name("ints", index, existing: state.ints.keys)
            state.ints[key] = try reader.readInt(field: "state.ints[\(key)]", in: Int.min...Int.max)
        }
        return state
    }

    private static func readHistory(_ reader: inout CheckpointReader) throws(CheckpointError) -> History {
        let length = try reader.readCount(UInt64.self, field: "history", itemSize: 1)
        let start = reader.offset
        let json = try reader.take(length, field: "history")
        guard let text = String(validating: json, as: UTF8.self) else {
            throw .malformed(field: "history", offset: start, reason: "not valid UTF-8")
        }
        do {
            return try History(jsonLines: text)
        } catch {
            throw .malformed(field: "history", offset: start, reason: "invalid JSON Lines: \(error)")
        }
    }
}
