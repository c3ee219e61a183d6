/// Reads one LEAF JSON file (`users`, `num_samples`, `user_data` → `x`, `y`) straight into per-user feature
/// and label arrays, validating as it goes; other keys (`hierarchies`, a user's `raw`) are skipped.
struct LEAFParser {
    /// One user's samples as read, before the class count is known.
    struct UserSamples {
        var features: [Float] = []
        var labels: [Int32] = []
        var rows = 0
        /// Whether any row or label was text (LEAF's Shakespeare form), mapped through ``CharacterVocabulary/leaf``.
        var isText = false
    }

    /// The parsed file: users in the order of `users`, with their samples.
    struct Result {
        var users: [String]
        var samples: [UserSamples]
        /// The length of every `x` row, or `nil` if there are no rows at all.
        var rowLength: Int?
    }

    /// Parses `bytes`; `rowLength`, if given, is the length every `x` row must have.
    static func parse(_ bytes: [UInt8], rowLength expectedRow: Int?, classCount: Int?) throws(LEAFError) -> Result {
        var scanner = JSONScanner(bytes: bytes)
        var users: [String]?
        var numSamples: [Int]?
        var data: [String: UserSamples] = [:]
        var dataOrder: [String] = []
        var rowLength = expectedRow
        try scanner.object { (scanner, key) throws(LEAFError) in
            switch key {
            case "users":
                var list: [String] = []
                try scanner.array { (scanner) throws(LEAFError) in list.append(try scanner.string()) }
                users = list
            case "num_samples":
                var list: [Int] = []
                try scanner.array { (scanner) throws(LEAFError) in
                    let start = scanner.position
                    let (value, _) = try scanner.float()
                    guard value >= 0, value == value.rounded(.towardZero) else {
                        throw LEAFError(.syntax(expected: "a non-negative integer sample count"), offset: start)
                    }
                    list.append(Int(value))
                }
                numSamples = list
            case "user_data":
                try scanner.object { (scanner, user) throws(LEAFError) in
                    guard data[user] == nil else { throw LEAFError(.duplicateUser, user: user) }
                    data[user] = try readUser(&scanner, user: user, rowLength: &rowLength, classCount: classCount)
                    dataOrder.append(user)
                }
            default:
                try scanner.skipValue()
            }
        }
        guard scanner.peek() == nil else { throw scanner.failure("the end of the file") }
        guard let users else { throw LEAFError(.missingKey("users")) }
        guard let numSamples else { throw LEAFError(.missingKey("num_samples")) }
        guard users.count == numSamples.count else {
            throw LEAFError(.countMismatch(users: users.count, numSamples: numSamples.count))
        }
        var seen = Set<String>()
        for user in users where !seen.insert(user).inserted { throw LEAFError(.duplicateUser, user: user) }
        if let stray = dataOrder.first(where: { !seen.contains($0) }) { throw LEAFError(.unlistedUser, user: stray) }
        var samples: [UserSamples] = []
        samples.reserveCapacity(users.count)
        for (index, user) in users.enumerated() {
            guard let entry = data.removeValue(forKey: user) else { throw LEAFError(.missingUserData, user: user) }
            guard entry.rows == numSamples[index], entry.labels.count == numSamples[index] else {
                throw LEAFError(.sampleCountMismatch(declared: numSamples[index], x: entry.rows, y: entry.labels.count), user: user)
            }
            samples.append(entry)
        }
        return Result(users: users, samples: samples, rowLength: rowLength)
    }

    /// Reads one user's object `{"x": [[…], …], "y": […]}`.
    private static func readUser(_ scanner: inout JSONScanner, user: String, rowLength: inout Int?,
                                 classCount: Int?) throws(LEAFError) -> UserSamples {
        var samples = UserSamples()
        var sawX = false
        var sawY = false
        do throws(LEAFError) {
            try scanner.object { (scanner, key) throws(LEAFError) in
                switch key {
                case "x":
                    sawX = true
                    try scanner.array { (scanner) throws(LEAFError) in
                        let before = samples.features.count
                        if scanner.peek() == UInt8(ascii: "\"") {
                            samples.isText = true
                            for character in try scanner.string() {
                                samples.features.append(Float(CharacterVocabulary.leaf.index(of: character)))
                            }
                        } else {
                            try scanner.array { (scanner) throws(LEAFError) in
                                let (value, text) = try scanner.float()
                                guard value.isFinite else { throw LEAFError(.nonFinite(text), sample: samples.rows) }
                                samples.features.append(value)
                            }
                        }
                        let length = samples.features.count - before
                        if let expected = rowLength, expected != length {
                            throw LEAFError(.rowLength(expected: expected, found: length), sample: samples.rows)
                        }
                        rowLength = length
                        samples.rows += 1
                    }
                case "y":
                    sawY = true
                    try scanner.array { (scanner) throws(LEAFError) in
                        if scanner.peek() == UInt8(ascii: "\"") {
                            let text = try scanner.string()
                            guard text.count == 1, let character = text.first else {
                                throw LEAFError(.labelNotCharacter(text), sample: samples.labels.count)
                            }
                            samples.isText = true
                            let label = CharacterVocabulary.leaf.index(of: character)
                            if let classCount, label >= classCount {
                                throw LEAFError(.labelOutOfRange(label: label, classes: classCount), sample: samples.labels.count)
                            }
                            samples.labels.append(Int32(label))
                            return
                        }
                        let (value, text) = try scanner.float()
                        guard value >= 0, value <= Float(1 << 24), value == value.rounded(.towardZero) else {
                            throw LEAFError(.labelNotInteger(text), sample: samples.labels.count)
                        }
                        if let classCount, Int(value) >= classCount {
                            throw LEAFError(.labelOutOfRange(label: Int(value), classes: classCount), sample: samples.labels.count)
                        }
                        samples.labels.append(Int32(value))
                    }
                default:
                    try scanner.skipValue()
                }
            }
        } catch {
            var located = error
            located.user = user
            throw located
        }
        guard sawX else { throw LEAFError(.missingKey("x"), user: user) }
        guard sawY else { throw LEAFError(.missingKey("y"), user: user) }
        return samples
    }
}
