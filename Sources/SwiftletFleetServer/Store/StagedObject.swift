/// An upload on its way into the store: its id and bytes, already written to a staging file when the store
/// keeps objects of its size in files.
///
/// ``FleetStore/stageObjects(_:)`` makes these outside the service's actor, so that the transaction in
/// ``FleetStore/putObjects(_:)-(StagedObject)`` only renames the file; ``FleetStore/discardStaged(_:)``
/// removes what that transaction did not take.
public struct StagedObject: Sendable, Equatable {
    /// The object's id: the SHA-256 of `bytes`, in lowercase hex.
    public let id: String
    /// The object's bytes.
    public let bytes: [UInt8]
    /// The staging file holding `bytes`, or `nil` when the object is stored in its row.
    public let stagingFile: String?

    /// Creates a staged object.
    public init(id: String, bytes: [UInt8], stagingFile: String?) {
        self.id = id
        self.bytes = bytes
        self.stagingFile = stagingFile
    }
}
