/// An error reading a LEAF JSON file: what was wrong, in which file, for which user and sample.
public struct LEAFError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was wrong.
    public enum Reason: Equatable, Sendable {
        /// The file could not be read.
        case unreadable(String)
        /// The file looked gzipped but its gzip layer is corrupt.
        case gzip(GzipError)
        /// The bytes are not the JSON expected here; `expected` says what the parser wanted.
        case syntax(expected: String)
        /// A required top-level key (`users`, `num_samples`, `user_data`) or user key (`x`, `y`) is missing.
        case missingKey(String)
        /// `users` and `num_samples` have different lengths.
        case countMismatch(users: Int, numSamples: Int)
        /// A user is listed twice in `users` or has two `user_data` entries.
        case duplicateUser
        /// A user in `users` has no `user_data` entry.
        case missingUserData
        /// A `user_data` entry belongs to no user in `users`.
        case unlistedUser
        /// A user's `x`, `y` and `num_samples` disagree on the number of samples.
        case sampleCountMismatch(declared: Int, x: Int, y: Int)
        /// An `x` row's length differs from the first row's (or from the sample shape).
        case rowLength(expected: Int, found: Int)
        /// An `x` value is not a finite number.
        case nonFinite(String)
        /// A `y` value is not a non-negative integer.
        case labelNotInteger(String)
        /// A text `y` value (LEAF's Shakespeare form) is not exactly one character.
        case labelNotCharacter(String)
        /// A `y` value is not below the class count.
        case labelOutOfRange(label: Int, classes: Int)
        /// The sample shape asked for does not hold the rows' length.
        case sampleShapeMismatch(shape: [Int], features: Int)
        /// The file lists no users.
        case noUsers
        /// The class count given is not positive.
        case invalidClassCount(Int)
    }

    /// What was wrong.
    public var reason: Reason
    /// The file, if the data came from one.
    public var file: String?
    /// The user at fault, if the error is about one user.
    public var user: String?
    /// The 0-based sample index within that user, if the error is about one sample.
    public var sample: Int?
    /// The byte offset in the (decompressed) file, for syntax errors.
    public var offset: Int?

    /// Creates an error.
    public init(_ reason: Reason, file: String? = nil, user: String? = nil, sample: Int? = nil, offset: Int? = nil) {
        self.reason = reason
        self.file = file
        self.user = user
        self.sample = sample
        self.offset = offset
    }

    /// A one-line, human-readable account of what went wrong and where.
    public var description: String {
        var place = file ?? "LEAF JSON"
        if let offset { place += " at byte \(offset)" }
        if let user { place += ", user '\(user)'" }
        if let sample { place += ", sample \(sample)" }
        return place + ": " + reason.description
    }
}

extension LEAFError.Reason: CustomStringConvertible {
    /// A short account of the reason.
    public var description: String {
        switch self {
        case .unreadable(let why): return "cannot read: \(why)"
        case .gzip(let error): return error.description
        case .syntax(let expected): return "malformed JSON: expected \(expected)"
        case .missingKey(let key): return "missing key '\(key)'"
        case .countMismatch(let users, let numSamples): return "\(users) users but \(numSamples) num_samples entries"
        case .duplicateUser: return "user appears twice"
        case .missingUserData: return "listed in users but has no user_data entry"
        case .unlistedUser: return "has user_data but is not listed in users"
        case .sampleCountMismatch(let declared, let x, let y):
            return "num_samples says \(declared), but x has \(x) rows and y \(y) labels"
        case .rowLength(let expected, let found): return "x row has \(found) values, expected \(expected)"
        case .nonFinite(let text): return "x value \(text) is not a finite number"
        case .labelNotInteger(let text): return "y value \(text) is not a non-negative integer"
        case .labelNotCharacter(let text): return "y value \"\(text)\" is not one character"
        case .labelOutOfRange(let label, let classes): return "label \(label) is outside 0..<\(classes)"
        case .sampleShapeMismatch(let shape, let features): return "sample shape \(shape) does not hold \(features) values"
        case .noUsers: return "no users"
        case .invalidClassCount(let count): return "class count \(count) must be positive"
        }
    }
}
