/// A key that could not be read or is not one Swiftlet accepts: what was wrong, and where.
public struct KeyFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong, for people (names the file or the field when known).
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
