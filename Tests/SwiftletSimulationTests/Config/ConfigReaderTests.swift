import Testing
@testable import SwiftletSimulation

/// Decoding through ``ConfigReader``: typed values, unknown keys with their full paths, type errors.
@Suite struct ConfigReaderTests {
    enum Link: String, CaseIterable { case lora, ble, wifi }

    let text = """
        seed = 7
        lr = 1
        name = "mnist"
        [devices.phone]
        bandwith = 5.0
        memory = 4096
        [devices."my board"]
        memory = 512
        [[links]]
        kind = "lora"
        [[links]]
        kind = "ble"
        extra = true
        """

    @Test func typedAccessorsDecodeValuesAndConvertIntegersToDoubles() throws {
        let reader = try ConfigReader(toml: text)
        #expect(try reader.int("seed") == 7)
        #expect(try reader.double("lr") == 1.0)
        #expect(try reader.string("name") == "mnist")
        #expect(try reader.int("absent") == nil)
        let links = try #require(try reader.tables("links"))
        #expect(try links.map { try $0.choice("kind", as: Link.self) } == [.lora, .ble])
    }

    @Test func unreadKeysAreReportedWithFullPathsInDocumentOrder() throws {
        let reader = try ConfigReader(toml: text)
        _ = try reader.int("seed")
        _ = try reader.double("lr")
        _ = try reader.string("name")
        let devices = try #require(try reader.table("devices"))
        let phone = try #require(try devices.table("phone"))
        _ = try phone.int("memory")
        _ = try devices.table("my board")?.int("memory")
        for link in try reader.tables("links") ?? [] { _ = try link.string("kind") }
        #expect(reader.unknownKeys == ["devices.phone.bandwith", "links[1].extra"])
        #expect(throws: ConfigError.unknownKeys(["devices.phone.bandwith", "links[1].extra"])) { try reader.finish() }
        #expect(ConfigError.unknownKeys(["devices.phone.bandwith"]).description == "unknown key 'devices.phone.bandwith'")
    }

    @Test func openingATableTwiceSharesWhatWasRead() throws {
        let reader = try ConfigReader(toml: "[run]\nrounds = 3\nseed = 1\n[[links]]\nkind = \"ble\"\n")
        _ = try reader.table("run")?.int("rounds")
        _ = try reader.table("run")?.int("seed")
        _ = try reader.tables("links")?.first?.string("kind")
        #expect(try reader.tables("links")?.count == 1)
        #expect(reader.unknownKeys == [])
    }

    @Test func tableNeverOpenedIsReportedAsOneUnknownKey() throws {
        let reader = try ConfigReader(toml: "a = 1\n[devics.phone]\nx = 1\n")
        _ = try reader.int("a")
        #expect(reader.unknownKeys == ["devics"])
    }

    @Test func wrongTypeNamesThePathAndExpectedType() throws {
        let reader = try ConfigReader(toml: "[devices.\"my board\"]\nmemory = \"512k\"\nrates = [1, \"two\"]\n")
        let board = try #require(try reader.table("devices")?.table("my board"))
        #expect(throws: ConfigError.typeMismatch(path: "devices.\"my board\".memory", expected: "an integer", actual: "string")) {
            try board.int("memory")
        }
        #expect(throws: ConfigError.typeMismatch(path: "devices.\"my board\".rates[1]", expected: "a number", actual: "string")) {
            try board.doubles("rates")
        }
        #expect(ConfigError.typeMismatch(path: "a.b", expected: "an integer", actual: "string").description
                == "key 'a.b' holds a string, expected an integer")
    }

    @Test func requiredKeyThatIsAbsentIsAnError() throws {
        let reader = try ConfigReader(toml: "[run]\n")
        let run = try #require(try reader.table("run"))
        #expect(throws: ConfigError.missingKey(path: "run.rounds")) { try run.required(run.int("rounds"), "rounds") }
    }

    @Test func choiceOutsideTheCasesListsTheAcceptedNames() throws {
        let reader = try ConfigReader(toml: "link = \"lte\"")
        #expect(throws: ConfigError.invalidValue(path: "link", value: "\"lte\"", reason: "expected one of 'lora', 'ble', 'wifi'")) {
            try reader.choice("link", as: Link.self)
        }
    }

    @Test func syntaxErrorsAreWrappedWithTheirPosition() {
        #expect(throws: ConfigError.syntax(TOMLError(line: 2, column: 1, message: "key 'a' is defined twice"))) {
            try ConfigReader(toml: "a = 1\na = 2")
        }
    }
}
