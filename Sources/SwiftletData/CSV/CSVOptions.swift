/// How to read a CSV file into a dataset: which columns are label and client id, the header, the shape.
public struct CSVOptions: Sendable, Equatable {
    /// Whether the first non-blank line is a header of column names.
    public enum Header: Sendable, Equatable {
        /// A header when any cell of the first line is not a number, otherwise data.
        case detect
        /// The first line is a header.
        case present
        /// There is no header; every line is data.
        case absent
    }

    /// The label column (class indices, non-negative integers; `3.0` counts as 3). Default: the last column.
    public var label: CSVColumn
    /// The optional client-id column (any text) that makes the natural-id split.
    public var clientID: CSVColumn?
    /// Whether the file starts with a header row.
    public var header: Header
    /// The cell separator byte (`,` by default; `;` or a tab for other dialects).
    public var separator: UInt8
    /// The per-sample shape the feature columns fill, row-major; `nil` means `[featureCount]`.
    public var sampleShape: [Int]?
    /// The number of classes; `nil` infers the largest label plus one.
    public var classCount: Int?
    /// Every feature is multiplied by this (e.g. `1.0 / 16` for the 0…16 digits).
    public var featureScale: Float
    /// Keep only the first `limit` data rows (for tests and quick runs); `nil` keeps all.
    public var limit: Int?

    /// Creates options; the defaults read a header-detected, comma-separated file labelled by its last column.
    public init(label: CSVColumn = .last, clientID: CSVColumn? = nil, header: Header = .detect,
                separator: UInt8 = UInt8(ascii: ","), sampleShape: [Int]? = nil, classCount: Int? = nil,
                featureScale: Float = 1, limit: Int? = nil) {
        self.label = label
        self.clientID = clientID
        self.header = header
        self.separator = separator
        self.sampleShape = sampleShape
        self.classCount = classCount
        self.featureScale = featureScale
        self.limit = limit
    }
}
