import SwiftletFederated

/// A train instruction whose model travels compressed: the delta against a model the node already holds.
///
/// The server writes a ``FleetContentKeys/downlink`` config record into the instruction: the codec, the
/// ``ModelDigest`` of the base the delta applies to (absent when the instruction carries the whole model),
/// and the digest of the model the node holds once it applied the instruction. With a base, the `arrays`
/// record holds a single codec-encoded array (``FleetContentKeys/encodedArray``, stype
/// `swiftlet.codec:<codec>`) instead of the model. The node answers with a `downlink` record holding
/// ``FleetContentKeys/downlinkHeld``: the digest of the model it trained from, the proof the server needs
/// before it takes that model as the node's next base. Flower peers never see these records.
public struct DownlinkInstruction: Sendable, Equatable {
    /// The codec specification the delta was encoded with (the bytes' own codec identifier says how to decode).
    public var codec: String
    /// The model the delta applies to, or `nil` when the instruction carries the whole model.
    public var base: ModelDigest?
    /// The model the node holds once it applied the instruction.
    public var model: ModelDigest

    /// The Error `code` a node answers when it does not hold the delta's base (a restarted node holds none),
    /// or applying the delta did not give the model the server computed; the server then forgets what it
    /// thought the node held and sends it the whole model next time. Swiftlet's codes start at 1000, above
    /// Flower's `ErrorCode` values.
    public static let baseMissingErrorCode: Int64 = 1002

    /// Creates the description of a downlink.
    public init(codec: String, base: ModelDigest?, model: ModelDigest) {
        self.codec = codec
        self.base = base
        self.model = model
    }

    /// Writes the description into `content`, and with `delta` replaces its arrays by the encoded delta.
    public func write(into content: inout RecordDict, delta: EncodedArrays?) {
        var record = FleetConfigRecord([(FleetContentKeys.downlinkCodec, .value(.string(codec)))])
        if let base { record.items.append((FleetContentKeys.downlinkBase, .value(.string(base.rawValue)))) }
        record.items.append((FleetContentKeys.downlinkModel, .value(.string(model.rawValue))))
        if let delta {
            let array = FleetArray(dtype: "uint8", shape: [delta.bytes.count], stype: ArrayEncoding.codecStypePrefix + delta.codec,
                                   data: delta.bytes)
            content[FleetContentKeys.arrays] = .arrays(FleetArrayRecord([(FleetContentKeys.encodedArray, array)]))
        }
        content[FleetContentKeys.downlink] = .config(record)
    }

    /// The downlink `content` describes and, when it carries a delta, the delta; `nil` for an instruction
    /// that carries no `downlink` record.
    ///
    /// - Throws: ``MappingError`` naming the entry that is missing or malformed, or the array that should
    ///   hold the delta.
    public static func read(_ content: RecordDict) throws(MappingError) -> (DownlinkInstruction, EncodedArrays?)? {
        guard let entry = content[FleetContentKeys.downlink] else { return nil }
        guard case .config(let record) = entry else { throw .missingRecord(FleetContentKeys.downlink, expected: "config record") }
        func string(_ key: String) throws(MappingError) -> String? {
            guard let value = record[key] else { return nil }
            guard case .value(.string(let text)) = value else {
                throw .invalidEntry(record: FleetContentKeys.downlink, key: key, reason: "expected a string")
            }
            return text
        }
        func digest(_ key: String) throws(MappingError) -> ModelDigest? {
            guard let text = try string(key) else { return nil }
            guard let digest = ModelDigest(rawValue: text) else {
                throw .invalidEntry(record: FleetContentKeys.downlink, key: key, reason: "expected 64 lowercase hex digits")
            }
            return digest
        }
        guard let codec = try string(FleetContentKeys.downlinkCodec) else {
            throw .missingEntry(record: FleetContentKeys.downlink, key: FleetContentKeys.downlinkCodec)
        }
        guard let model = try digest(FleetContentKeys.downlinkModel) else {
            throw .missingEntry(record: FleetContentKeys.downlink, key: FleetContentKeys.downlinkModel)
        }
        let base = try digest(FleetContentKeys.downlinkBase)
        let instruction = DownlinkInstruction(codec: codec, base: base, model: model)
        guard base != nil else { return (instruction, nil) }
        guard case .arrays(let arrays)? = content[FleetContentKeys.arrays], arrays.items.count == 1,
              let array = arrays[FleetContentKeys.encodedArray], array.stype.hasPrefix(ArrayEncoding.codecStypePrefix),
              array.stype.count > ArrayEncoding.codecStypePrefix.count else {
            throw .missingRecord(FleetContentKeys.arrays, expected: "array record holding one '\(FleetContentKeys.encodedArray)' array")
        }
        let identifier = String(array.stype.dropFirst(ArrayEncoding.codecStypePrefix.count))
        return (instruction, EncodedArrays(codec: identifier, bytes: array.data, isDelta: true))
    }

    /// Adds to a reply's `content` the digest of the model the node trained from and now holds.
    public static func acknowledge(_ held: ModelDigest, in content: inout RecordDict) {
        content[FleetContentKeys.downlink] = .config(FleetConfigRecord([(FleetContentKeys.downlinkHeld, .value(.string(held.rawValue)))]))
    }

    /// The model a reply says its node holds, or `nil` when it says none (or says it malformed).
    public static func held(in content: RecordDict) -> ModelDigest? {
        guard case .config(let record)? = content[FleetContentKeys.downlink],
              case .value(.string(let text))? = record[FleetContentKeys.downlinkHeld] else { return nil }
        return ModelDigest(rawValue: text)
    }
}
