/// A column of a CSV file, chosen by position or by its header name.
public enum CSVColumn: Sendable, Equatable, Hashable {
    /// The column at a 0-based position.
    case index(Int)
    /// The column whose header cell is this name (the file must have a header row).
    case name(String)
    /// The last column of the row.
    case last
}
