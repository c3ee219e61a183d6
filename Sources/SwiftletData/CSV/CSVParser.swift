/// The line-by-line reader behind ``CSVDataset/parse(_:file:options:)``: splits cells, resolves columns and
/// converts every cell, keeping the 1-based line and column of each for errors.
struct CSVParser {
    let bytes: [UInt8]
    let options: CSVOptions

    /// A non-blank line: its 1-based number and its cells' texts (quoted cells unquoted and unescaped).
    typealias Row = (line: Int, cells: [String])

    func run() throws(CSVError) -> CSVDataset {
        if let classes = options.classCount, classes <= 0 { throw CSVError(.invalidClassCount(classes)) }
        var rows = RowIterator(bytes: bytes, separator: options.separator)
        guard let first = try rows.next() else { throw CSVError(.noRows) }
        let columns = first.cells.count
        let hasHeader: Bool
        switch options.header {
        case .present: hasHeader = true
        case .absent: hasHeader = false
        case .detect: hasHeader = first.cells.contains { Float($0.trimmingSpaces()) == nil }
        }
        let names = hasHeader ? first.cells.map { $0.trimmingSpaces() } : nil
        let labelColumn = try resolve(options.label, names: names, columns: columns, line: first.line)
        let clientColumn = try options.clientID.map { (column) throws(CSVError) in
            try resolve(column, names: names, columns: columns, line: first.line)
        }
        if let clientColumn, clientColumn == labelColumn { throw CSVError(.sameColumnTwice(labelColumn)) }
        let featureColumns = (0..<columns).filter { $0 != labelColumn && $0 != clientColumn }
        guard !featureColumns.isEmpty else { throw CSVError(.noFeatureColumns) }
        let shape = options.sampleShape ?? [featureColumns.count]
        guard shape.allSatisfy({ $0 > 0 }), shape.reduce(1, *) == featureColumns.count else {
            throw CSVError(.sampleShapeMismatch(shape: shape, features: featureColumns.count))
        }

        var features: [Float] = []
        var labels: [Int32] = []
        var clients: [String] = []
        let limit = max(options.limit ?? Int.max, 0)
        var pending: Row? = hasHeader ? try rows.next() : first
        while let row = pending, labels.count < limit {
            guard row.cells.count == columns else {
                throw CSVError(.raggedRow(expected: columns, found: row.cells.count), line: row.line)
            }
            for column in featureColumns {
                let text = row.cells[column].trimmingSpaces()
                guard let value = Float(text) else {
                    throw CSVError(.nonNumeric(cell: text), line: row.line, column: column + 1)
                }
                guard value.isFinite else { throw CSVError(.nonFinite(cell: text), line: row.line, column: column + 1) }
                features.append(value * options.featureScale)
            }
            let labelText = row.cells[labelColumn].trimmingSpaces()
            guard let label = Self.classIndex(labelText) else {
                throw CSVError(.labelNotInteger(cell: labelText), line: row.line, column: labelColumn + 1)
            }
            if let classes = options.classCount, label >= classes {
                throw CSVError(.labelOutOfRange(label: label, classes: classes), line: row.line, column: labelColumn + 1)
            }
            labels.append(Int32(label))
            if let clientColumn { clients.append(row.cells[clientColumn].trimmingSpaces()) }
            pending = try rows.next()
        }
        guard !labels.isEmpty else { throw CSVError(.noRows) }
        let classCount = options.classCount ?? Int(labels.max()!) + 1
        let dataset = try! LabeledDataset(sampleShape: shape, features: features, labels: labels, classCount: classCount)
        return CSVDataset(dataset: dataset, clientIDs: clientColumn == nil ? nil : clients,
                          featureNames: names.map { names in featureColumns.map { names[$0] } })
    }

    /// The 0-based index of `column` in rows of `columns` cells.
    private func resolve(_ column: CSVColumn, names: [String]?, columns: Int, line: Int) throws(CSVError) -> Int {
        switch column {
        case .last: return columns - 1
        case .index(let index):
            guard index >= 0 && index < columns else { throw CSVError(.columnOutOfRange(index: index, columns: columns), line: line) }
            return index
        case .name(let name):
            guard let names else { throw CSVError(.namedColumnWithoutHeader(name)) }
            guard let index = names.firstIndex(of: name) else { throw CSVError(.unknownColumn(name), line: line) }
            return index
        }
    }

    /// A label cell as a class index: a non-negative integer, written `7` or `7.0`, below 2³¹.
    static func classIndex(_ text: String) -> Int? {
        if let value = Int(text) { return value >= 0 && value <= Int(Int32.max) ? value : nil }
        guard let value = Double(text), value.isFinite, value >= 0, value <= Double(Int32.max),
              value == value.rounded(.towardZero) else { return nil }
        return Int(value)
    }
}

/// Walks the non-blank lines of CSV bytes, splitting each into unquoted cell texts.
struct RowIterator {
    let bytes: [UInt8]
    let separator: UInt8
    private var position = 0
    private var line = 0

    init(bytes: [UInt8], separator: UInt8) {
        self.bytes = bytes
        self.separator = separator
    }

    /// The next non-blank line's number and cells, or `nil` at the end.
    mutating func next() throws(CSVError) -> CSVParser.Row? {
        while position < bytes.count {
            line += 1
            var end = position
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            let start = position
            position = end + 1
            var stop = end
            if stop > start && bytes[stop - 1] == UInt8(ascii: "\r") { stop -= 1 }
            if bytes[start..<stop].allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { continue }
            return (line, try cells(start, stop))
        }
        return nil
    }

    private func cells(_ start: Int, _ stop: Int) throws(CSVError) -> [String] {
        var cells: [String] = []
        var index = start
        while true {
            var cell: [UInt8] = []
            var cursor = index
            while cursor < stop && bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
            if cursor < stop && bytes[cursor] == UInt8(ascii: "\"") {
                cursor += 1
                var closed = false
                while cursor < stop {
                    if bytes[cursor] == UInt8(ascii: "\"") {
                        if cursor + 1 < stop && bytes[cursor + 1] == UInt8(ascii: "\"") {
                            cell.append(UInt8(ascii: "\""))
                            cursor += 2
                            continue
                        }
                        closed = true
                        cursor += 1
                        break
                    }
                    cell.append(bytes[cursor])
                    cursor += 1
                }
                guard closed else { throw CSVError(.unterminatedQuote, line: line, column: cells.count + 1) }
                while cursor < stop && bytes[cursor] != separator { cursor += 1 }
            } else {
                cursor = index
                while cursor < stop && bytes[cursor] != separator { cursor += 1 }
                cell = Array(bytes[index..<cursor])
            }
            cells.append(String(decoding: cell, as: UTF8.self))
            guard cursor < stop else { break }
            index = cursor + 1
        }
        return cells
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
