/// An error reading a CSV dataset: what was wrong, in which file, and at which line and column.
public struct CSVError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was wrong.
    public enum Reason: Equatable, Sendable {
        /// The file could not be read.
        case unreadable(String)
        /// The file looked gzipped but its gzip layer is corrupt.
        case gzip(GzipError)
        /// The file holds no data rows.
        case noRows
        /// A row has a different number of cells from the first row.
        case raggedRow(expected: Int, found: Int)
        /// A feature cell is not a number.
        case nonNumeric(cell: String)
        /// A feature cell is NaN or infinite.
        case nonFinite(cell: String)
        /// A label cell is not a non-negative integer.
        case labelNotInteger(cell: String)
        /// A label is not below the class count the caller gave.
        case labelOutOfRange(label: Int, classes: Int)
        /// A column named by the options is not in the header.
        case unknownColumn(String)
        /// A column index is outside the row.
        case columnOutOfRange(index: Int, columns: Int)
        /// A column was named, but the file has no header row.
        case namedColumnWithoutHeader(String)
        /// The label and client-id options name the same column.
        case sameColumnTwice(Int)
        /// No column is left for features once label and client id are taken.
        case noFeatureColumns
        /// The requested sample shape does not hold the number of feature columns.
        case sampleShapeMismatch(shape: [Int], features: Int)
        /// A quoted cell has no closing quote on its line.
        case unterminatedQuote
        /// The class count given is not positive.
        case invalidClassCount(Int)
    }

    /// What was wrong.
    public var reason: Reason
    /// The file, if the data came from one.
    public var file: String?
    /// The 1-based line of the file at fault, if the error is about one line.
    public var line: Int?
    /// The 1-based column at fault, if the error is about one cell.
    public var column: Int?

    /// Creates an error.
    public init(_ reason: Reason, file: String? = nil, line: Int? = nil, column: Int? = nil) {
        self.reason = reason
        self.file = file
        self.line = line
        self.column = column
    }

    /// A one-line, human-readable account of what went wrong and where, e.g. `data.csv:12:3: …`.
    public var description: String {
        var place = file ?? "CSV"
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return place + ": " + reason.description
    }
}

extension CSVError.Reason: CustomStringConvertible {
    /// A short account of the reason.
    public var description: String {
        switch self {
        case .unreadable(let why): return "cannot read: \(why)"
        case .gzip(let error): return error.description
        case .noRows: return "no data rows"
        case .raggedRow(let expected, let found): return "row has \(found) cells, the first row has \(expected)"
        case .nonNumeric(let cell): return "'\(cell)' is not a number"
        case .nonFinite(let cell): return "'\(cell)' is not a finite number"
        case .labelNotInteger(let cell): return "label '\(cell)' is not a non-negative integer"
        case .labelOutOfRange(let label, let classes): return "label \(label) is outside 0..<\(classes)"
        case .unknownColumn(let name): return "no column named '\(name)' in the header"
        case .columnOutOfRange(let index, let columns): return "column index \(index) is outside the \(columns) columns"
        case .namedColumnWithoutHeader(let name): return "column '\(name)' is named but the file has no header row"
        case .sameColumnTwice(let index): return "column \(index) cannot be both the label and the client id"
        case .noFeatureColumns: return "no feature columns are left besides the label and client id"
        case .sampleShapeMismatch(let shape, let features): return "sample shape \(shape) does not hold \(features) features"
        case .unterminatedQuote: return "a quoted cell is not closed on its line"
        case .invalidClassCount(let count): return "class count \(count) must be positive"
        }
    }
}
