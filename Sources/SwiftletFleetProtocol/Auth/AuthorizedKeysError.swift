/// An allow-list file that could not be read or has a bad entry: which file, which line, what was wrong.
public struct AuthorizedKeysError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file, or `nil` for text that did not come from a file.
    public var path: String?
    /// The 1-based line of the bad entry, or `nil` when the file as a whole failed (unreadable).
    public var line: Int?
    /// What was wrong.
    public var message: String

    /// Creates an error.
    public init(path: String?, line: Int?, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        let place = [path ?? "authorized keys", line.map { "line \($0)" }].compactMap { $0 }.joined(separator: ":")
        return "\(place): \(message)"
    }
}
