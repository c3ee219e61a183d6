/// Why bytes are not a valid protobuf message of the kind a ``ProtobufWireReader`` was reading, and where.
public struct ProtobufWireError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of fault the bytes have.
    public enum Kind: String, Sendable, Equatable {
        /// The bytes end inside a field.
        case truncated
        /// A tag, varint or group is not valid protobuf.
        case malformed
        /// A `string` field is not UTF-8.
        case invalidUTF8
    }

    /// What kind of fault it is.
    public let kind: Kind
    /// What was wrong, naming the field when it is known.
    public let reason: String
    /// The byte offset in the message's bytes where the fault starts.
    public let offset: Int

    /// Creates an error for `reason` at `offset`.
    public init(_ kind: Kind, _ reason: String, at offset: Int) {
        self.kind = kind
        self.reason = reason
        self.offset = offset
    }

    public var description: String { "\(reason) (byte \(offset))" }
}
