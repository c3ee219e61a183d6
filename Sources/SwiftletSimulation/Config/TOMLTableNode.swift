/// A table while a document is being parsed, remembering how it came to exist so redefinitions are caught.
///
/// TOML forbids defining a table twice, but a table may first exist *implicitly* (as the parent in
/// `[a.b.c]`) and be defined later by its own header; a table made by dotted keys (`a.b = 1`) may gain
/// sub-tables by headers but never a header of its own (spec §Table, §Array of Tables).
final class TOMLTableNode {
    /// How the table came to exist.
    enum Origin {
        /// As the parent of a header's table; a later `[header]` may still define it.
        case implicit
        /// By its own `[header]` or `[[header]]`.
        case header
        /// By dotted keys, or inside an inline table.
        case dotted
    }

    /// One key's content while parsing.
    enum Entry {
        case table(TOMLTableNode)
        case arrayOfTables(TOMLArrayNode)
        case value(TOMLValue)
    }

    var origin: Origin
    private(set) var keys: [String] = []
    private(set) var entries: [String: Entry] = [:]

    init(origin: Origin) {
        self.origin = origin
    }

    subscript(key: String) -> Entry? { entries[key] }

    /// Adds a key that is not yet present.
    func add(_ key: String, _ entry: Entry) {
        keys.append(key)
        entries[key] = entry
    }

    /// The finished table.
    var table: TOMLTable {
        var result = TOMLTable()
        for key in keys {
            switch entries[key]! {
            case .table(let node): result[key] = .table(node.table)
            case .arrayOfTables(let array): result[key] = .array(array.tables.map { .table($0.table) })
            case .value(let value): result[key] = value
            }
        }
        return result
    }
}

/// An array of tables (`[[name]]`) while parsing: later headers append to it; a static array cannot.
final class TOMLArrayNode {
    var tables: [TOMLTableNode] = []
}
