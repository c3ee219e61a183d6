/// What was wrong in a TOML document, and where: a 1-based line and column (in characters) and a message.
public struct TOMLError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The 1-based line of the offending character.
    public var line: Int
    /// The 1-based column of the offending character, counted in Unicode scalars.
    public var column: Int
    /// What was wrong, e.g. "key 'name' is defined twice".
    public var message: String

    /// Creates an error.
    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "TOML line \(line), column \(column): \(message)" }
}
