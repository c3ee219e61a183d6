import Testing
@testable import SwiftletSimulation

/// A table written by ``TOMLSerializer`` reads back equal, and the text is what a person would write.
@Suite struct TOMLSerializerTests {
    func roundTrip(_ table: TOMLTable) throws -> TOMLTable {
        try TOMLParser.parse(TOMLSerializer.serialize(table))
    }

    @Test func smallConfigIsWrittenWithValuesBeforeSectionsInInsertionOrder() {
        var device = TOMLTable()
        device["bandwidth"] = .float(250_000)
        device["name"] = .string("phone")
        var root = TOMLTable()
        root["devices"] = .table(["phone": .table(device)])
        root["seed"] = .integer(42)
        root["rounds"] = .array([.table(["lr": .float(0.1)]), .table(["lr": .float(0.05)])])
        #expect(TOMLSerializer.serialize(root) == """
            seed = 42

            [devices]

            [devices.phone]
            bandwidth = 250000.0
            name = "phone"

            [[rounds]]
            lr = 0.1

            [[rounds]]
            lr = 0.05

            """)
    }

    @Test func everyScalarKindRoundTrips() throws {
        let time = TOMLDateTime.Time(hour: 7, minute: 32, second: 0, nanosecond: 500_000_000)
        let date = TOMLDateTime.Date(year: 1979, month: 5, day: 27)
        let table: TOMLTable = [
            "s": .string("quote \" backslash \\ tab \t newline \n bell \u{07} del \u{7F} é 😀"),
            "min": .integer(.min), "max": .integer(.max),
            "f": .float(6.626e-34), "big": .float(5e22), "neg0": .float(-0.0), "whole": .float(3),
            "inf": .float(-.infinity), "nan": .float(.nan),
            "yes": .boolean(true),
            "odt": .dateTime(.init(date: date, time: time, offsetMinutes: -420)),
            "utc": .dateTime(.init(date: date, time: time, offsetMinutes: 0)),
            "ldt": .dateTime(.init(date: date, time: time)),
            "ld": .dateTime(.init(date: date, time: nil)),
            "lt": .dateTime(.init(date: nil, time: time)),
        ]
        #expect(try roundTrip(table) == table)
    }

    @Test func keysThatAreNotBareAreQuoted() throws {
        let table: TOMLTable = ["a.b": .integer(1), "": .integer(2), "sp ace": .table(["ʎǝʞ": .integer(3)]), "bare-key_1": .integer(4)]
        let text = TOMLSerializer.serialize(table)
        #expect(text.hasPrefix("\"a.b\" = 1\n\"\" = 2\nbare-key_1 = 4\n\n[\"sp ace\"]\n\"ʎǝʞ\" = 3\n"))
        #expect(try roundTrip(table) == table)
    }

    @Test func nestedArraysAndTablesInsideArraysRoundTripInline() throws {
        let table: TOMLTable = [
            "mixed": .array([.integer(1), .table(["a": .integer(2)]), .array([])]),
            "empty": .array([]),
            "matrix": .array([.array([.table(["x": .float(1.5)])])]),
            "emptyTable": .table([:]),
            "aot": .array([.table(["sub": .table(["deep": .array([.table(["k": .string("v")])])])])]),
        ]
        #expect(try roundTrip(table) == table)
    }

    @Test func parsedSpecDocumentRoundTrips() throws {
        let text = """
            title = "TOML Example"
            [owner]
            dob = 1979-05-27T07:32:00-08:00
            [database]
            ports = [ 8000, 8001, 8002 ]
            temp_targets = { cpu = 79.5, case = 72.0 }
            [[fruits]]
            name = "apple"
            [fruits.physical]
            color = "red"
            [[fruits.varieties]]
            name = "red delicious"
            """
        let parsed = try TOMLParser.parse(text)
        #expect(try roundTrip(parsed) == parsed)
    }

    @Test func equalityIgnoresKeyOrderButIterationKeepsIt() {
        let a: TOMLTable = ["x": .integer(1), "y": .integer(2)]
        let b: TOMLTable = ["y": .integer(2), "x": .integer(1)]
        #expect(a == b)
        #expect(a.keys == ["x", "y"])
        #expect(b.map(\.key) == ["y", "x"])
    }
}

extension TOMLSerializerTests {
    @Test func literalsBuildTheSameValuesAsTheCases() {
        let literal: TOMLTable = ["seed": 42, "lr": 0.1, "model": "cnn", "iid": false, "shards": [2, "x"]]
        let explicit: TOMLTable = ["seed": .integer(42), "lr": .float(0.1), "model": .string("cnn"), "iid": .boolean(false),
                                   "shards": .array([.integer(2), .string("x")])]
        #expect(literal == explicit)
        #expect(literal.description == "seed = 42\nlr = 0.1\nmodel = \"cnn\"\niid = false\nshards = [2, \"x\"]\n")
    }
}
