import SwiftletFederated

/// How a Swiftlet node encodes its update, as the server asks in a train instruction's config record.
///
/// The server writes ``FleetContentKeys/uplinkCodec`` (a codec specification such as `topk:0.01+u8`) and
/// ``FleetContentKeys/errorFeedback`` into the config of every train instruction it sends a Swiftlet peer;
/// the node takes them out before its client sees the config, encodes `trained − received` with the codec
/// (``SwiftletFederated/DeltaCoding/uplink(trained:received:residual:errorFeedback:codec:seed:)``) and
/// replies with an encoded payload. Instructions for Flower peers never carry the keys: a ClientApp would
/// not know what to do with them, and its replies stay plain arrays.
public struct UplinkCompression: Sendable, Equatable {
    /// The codec specification, as ``SwiftletFederated/CodecRegistry/codec(specification:)`` reads it.
    public var codec: String
    /// Whether the node keeps what the codec dropped and adds it to its next update
    /// (``SwiftletFederated/ErrorFeedback``).
    public var errorFeedback: Bool

    /// Creates the request for `codec`, with or without error feedback.
    public init(codec: String, errorFeedback: Bool = false) {
        self.codec = codec
        self.errorFeedback = errorFeedback
    }

    /// `config` with the two entries added.
    public func applied(to config: ConfigRecord) -> ConfigRecord {
        var config = config
        config[FleetContentKeys.uplinkCodec] = .string(codec)
        config[FleetContentKeys.errorFeedback] = .bool(errorFeedback)
        return config
    }

    /// Takes the request out of `config`, leaving the client's own entries; `nil` when `config` asks for none.
    ///
    /// - Throws: ``MappingError/invalidEntry(record:key:reason:)`` naming the entry when the codec is not a
    ///   string or error feedback not a bool, or when error feedback comes without a codec.
    public static func extract(from config: inout ConfigRecord) throws(MappingError) -> UplinkCompression? {
        let codecValue = config.entries.removeValue(forKey: FleetContentKeys.uplinkCodec)
        let feedbackValue = config.entries.removeValue(forKey: FleetContentKeys.errorFeedback)
        var feedback = false
        switch feedbackValue {
        case nil: break
        case .bool(let flag)?: feedback = flag
        case let other?:
            throw .invalidEntry(record: FleetContentKeys.config, key: FleetContentKeys.errorFeedback,
                                reason: "expected a bool, found \(other.typeName)")
        }
        switch codecValue {
        case nil:
            guard feedbackValue == nil else {
                throw .invalidEntry(record: FleetContentKeys.config, key: FleetContentKeys.errorFeedback,
                                    reason: "needs '\(FleetContentKeys.uplinkCodec)' beside it")
            }
            return nil
        case .string(let codec)? where !codec.isEmpty:
            return UplinkCompression(codec: codec, errorFeedback: feedback)
        case let other?:
            throw .invalidEntry(record: FleetContentKeys.config, key: FleetContentKeys.uplinkCodec,
                                reason: "expected a codec specification, found \(other.typeName == "string" ? "an empty string" : other.typeName)")
        }
    }
}
