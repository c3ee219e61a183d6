/// A JSON body that could not be parsed: where and why.
public struct FleetJSONError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The byte offset of the problem.
    public var offset: Int
    /// What was wrong.
    public var reason: String

    /// Creates an error.
    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    /// "<reason> at byte <offset>".
    public var description: String { "\(reason) at byte \(offset)" }
}
