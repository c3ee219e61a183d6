import Foundation
import Testing

/// Reads the interop fixtures written by Fixtures/auth/make_auth_fixtures.py.
enum AuthFixtures {
    static func url(_ name: String) throws -> URL {
        try #require(Bundle.module.url(forResource: "Fixtures/auth/" + name, withExtension: nil))
    }

    static func text(_ name: String) throws -> String {
        try String(contentsOf: url(name), encoding: .utf8)
    }

    /// The `name: value` lines of flower_headers.txt.
    static func flowerHeaders() throws -> [String: String] {
        var fields: [String: String] = [:]
        for line in try text("flower_headers.txt").split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            fields[String(parts[0])] = parts[1].trimmingCharacters(in: .whitespaces)
        }
        return fields
    }
}
