/// An error locating bundled data.
public enum BundledDataError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No candidate directory held the dataset; `searched` lists them in the order tried.
    case notFound(dataset: String, searched: [String])

    /// A one-line, human-readable account of what went wrong and where.
    public var description: String {
        switch self {
        case .notFound(let dataset, let searched):
            return "bundled dataset '\(dataset)' not found (set SWIFTLET_DATA_DIR to the repository's Data folder); "
                + "looked in: \(searched.joined(separator: ", "))"
        }
    }
}
