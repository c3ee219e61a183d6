import Testing
@testable import SwiftletSimulation

/// Documents the TOML v1.0.0 specification calls invalid fail with an error at the right line and column.
@Suite struct TOMLErrorTests {
    /// The error `text` fails with.
    func failure(_ text: String) -> TOMLError? {
        do {
            _ = try TOMLParser.parse(text)
            return nil
        } catch {
            return error
        }
    }

    func expectError(_ text: String, line: Int, column: Int, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let error = failure(text)
        #expect(error == TOMLError(line: line, column: column, message: message), sourceLocation: sourceLocation)
    }

    @Test func redefinedKeyIsAnErrorAtTheSecondDefinition() {
        expectError("name = \"Tom\"\nname = \"Pradyun\"\n", line: 2, column: 1, "key 'name' is defined twice")
        expectError("spelling = \"favorite\"\n\"spelling\" = \"favourite\"", line: 2, column: 1, "key 'spelling' is defined twice")
    }

    @Test func keyCannotBeExtendedAfterHoldingAValue() {
        expectError("fruit.apple = 1\nfruit.apple.smooth = true", line: 2, column: 1, "key 'fruit.apple' is an integer, not a table")
    }

    @Test func tableDefinedTwiceIsAnError() {
        expectError("[fruit]\napple = \"red\"\n\n[fruit]\norange = \"orange\"", line: 4, column: 1, "table 'fruit' is defined twice")
        expectError("[fruit]\napple = \"red\"\n\n[fruit.apple]\ntexture = \"smooth\"", line: 4, column: 1, "key 'fruit.apple' is already defined as a string")
    }

    @Test func tableMadeByDottedKeysCannotGetAHeader() {
        expectError("[fruit]\napple.color = \"red\"\n[fruit.apple]\n", line: 3, column: 1, "table 'fruit.apple' was already defined by dotted keys")
    }

    @Test func dottedKeysCannotAddToATableDefinedByAHeader() {
        expectError("[a.b.c]\nz = 9\n[a]\nb.c.t = 1", line: 4, column: 1, "table 'a.b.c' was defined by a [header]; dotted keys cannot add to it")
    }

    @Test func inlineTablesCannotBeExtended() {
        expectError("[product]\ntype = { name = \"Nail\" }\ntype.edible = false", line: 3, column: 1, "inline table 'product.type' cannot be extended outside its braces")
        expectError("[product]\ntype.name = \"Nail\"\n[product.type]\n", line: 3, column: 1, "table 'product.type' was already defined by dotted keys")
        expectError("a = {}\n[a.b]", line: 2, column: 2, "inline table 'a' cannot be extended outside its braces")
    }

    @Test func staticArraysCannotBeAppendedToAndArraysOfTablesCannotBecomeTables() {
        expectError("fruits = []\n[[fruits]]", line: 2, column: 1, "key 'fruits' is already defined as an array")
        expectError("[[fruits]]\nname = \"apple\"\n[fruits]", line: 3, column: 1, "'fruits' is already an array of tables, it cannot become a table")
        expectError("[fruit.physical]\ncolor = \"red\"\n[[fruit]]", line: 3, column: 1, "'fruit' is already a table, it cannot become an array of tables")
    }

    @Test func invalidEscapesAreRejected() {
        expectError("s = \"a \\x b\"", line: 1, column: 8, "invalid escape sequence '\\x'")
        expectError("s = \"\\uD800\"", line: 1, column: 6, "escape \\uD800 is not a Unicode scalar value")
        expectError("s = \"\\u12\"", line: 1, column: 6, "\\u needs 4 hexadecimal digits")
        expectError("s = \"\\e\"", line: 1, column: 6, "invalid escape sequence '\\e'")
    }

    @Test func leadingZerosAndMisplacedUnderscoresAreRejected() {
        expectError("a = 007", line: 1, column: 5, "leading zeros are not allowed in '007'")
        expectError("a = 03.14", line: 1, column: 5, "leading zeros are not allowed in '03.14'")
        expectError("a = 1__000", line: 1, column: 5, "invalid number '1__000'")
        expectError("a = _1", line: 1, column: 5, "expected a value, found '_'")
        expectError("a = 1_", line: 1, column: 5, "invalid number '1_'")
        expectError("a = 0x_1", line: 1, column: 5, "misplaced underscore in '0x_1'")
    }

    @Test func integerOverflowIsRejected() {
        expectError("a = 9223372036854775808", line: 1, column: 5, "integer '9223372036854775808' does not fit in 64 bits")
        expectError("a = 0x8000000000000000", line: 1, column: 5, "integer '0x8000000000000000' does not fit in 64 bits")
    }

    @Test func malformedFloatsAreRejected() {
        expectError("a = .7", line: 1, column: 5, "expected a value, found '.'")
        expectError("a = 7.", line: 1, column: 5, "a decimal point needs digits on both sides in '7.'")
        expectError("a = 3.e+20", line: 1, column: 5, "a decimal point needs digits on both sides in '3.e+20'")
        expectError("a = 1e", line: 1, column: 5, "invalid exponent in '1e'")
        expectError("a = 1e400", line: 1, column: 5, "float '1e400' is out of the range of a 64-bit float")
    }

    @Test func invalidDatesAndTimesAreRejected() {
        expectError("d = 2021-02-29", line: 1, column: 5, "invalid date 2021-02-29")
        expectError("d = 1979-13-01", line: 1, column: 5, "invalid date 1979-13-01")
        expectError("t = 24:00:00", line: 1, column: 5, "invalid time 24:00:00")
        expectError("t = 07:32", line: 1, column: 10, "expected ':' and seconds in the time, found the end of the document")
    }

    @Test func keyWithoutValueAndValueWithoutKeyAreRejected() {
        expectError("key = # INVALID", line: 1, column: 7, "expected a value, found '#'")
        expectError("first = \"Tom\" last = \"Preston-Werner\"", line: 1, column: 15, "expected a newline after the value, found 'l'")
        expectError("= \"no key name\"", line: 1, column: 1, "expected a key, found '='")
        expectError("key\n= 1", line: 1, column: 4, "expected '=' after the key 'key', found the end of the line")
    }

    @Test func inlineTablesMustStayOnOneLineWithoutTrailingComma() {
        expectError("a = { b = 1,\n c = 2 }", line: 1, column: 13, "expected a key, found the end of the line")
        expectError("a = { b = 1, }", line: 1, column: 14, "an inline table cannot end with a comma")
    }

    @Test func controlCharactersAndBareCarriageReturnsAreRejected() {
        expectError("a = \"x\u{7F}\"", line: 1, column: 7, "control character U+007F must be escaped")
        expectError("# comment \u{01}\n", line: 1, column: 11, "control character U+0001 in a comment")
        expectError("a = 1\rb = 2", line: 1, column: 6, "a carriage return must be followed by a line feed")
    }

    @Test func textAfterATableHeaderIsRejected() {
        expectError("[a]]", line: 1, column: 4, "expected a newline after the table header, found ']'")
    }

    @Test func unterminatedStringsAndArraysAreRejected() {
        expectError("a = \"abc", line: 1, column: 9, "unterminated string")
        expectError("a = \"\"\"abc\n", line: 2, column: 1, "unterminated multi-line string")
        expectError("a = [1, 2", line: 1, column: 10, "expected ',' or ']' in the array, found the end of the document")
        expectError("a = \"\"\"\"\"\"\"\"\"", line: 1, column: 13, "too many quotes at the end of a multi-line string")
    }

    @Test func appendingToAnArrayOfTablesWithDottedKeysIsRejected() {
        expectError("[[tab.arr]]\n[tab]\narr.val1 = 1", line: 3, column: 1, "'tab.arr' is an array of tables; dotted keys cannot add to it")
    }

    @Test func nestingBeyondTheLimitIsAnErrorNotACrash() {
        let deep = "a = " + String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        expectError(deep, line: 1, column: 261, "arrays and inline tables are nested more than 256 deep")
    }

    @Test func errorsOnLaterLinesCountColumnsInCharacters() {
        expectError("a = 1\n\n  \"é\" = \"ok\" = 2", line: 3, column: 14, "expected a newline after the value, found '='")
    }
}

/// Damaged documents — cut short, or with a byte missing — fail with an error inside the document, never a trap.
@Suite struct TOMLDamagedInputTests {
    static let document = Array("""
        # comment
        title = "TOML \\u00E9 Example"
        [owner]
        dob = 1979-05-27T07:32:00.5-08:00
        lines = \"\"\"
          a \\
          b''\"\"\"
        raw = '''x'y'''
        [database]
        ports = [ 8000, 0x1F, 0o7, 0b1, 1e3, -inf, ]
        temp = { cpu = 79.5, case.inner = 72.0 }
        [[fruits]]
        name = 'apple'
        [fruits.physical]
        t = 07:32:00
        """.utf8)

    static let lineCount = document.filter { $0 == UInt8(ascii: "\n") }.count + 1

    func check(_ bytes: [UInt8]) {
        do {
            _ = try TOMLParser.parse(bytes: bytes)
        } catch {
            #expect(error.line >= 1 && error.line <= Self.lineCount && error.column >= 1)
        }
    }

    @Test func everyTruncationParsesOrFailsWithAPosition() throws {
        let whole = try TOMLParser.parse(bytes: Self.document)
        #expect(whole[path: ["fruits"]]?.arrayValue?.count == 1)
        for end in 0...Self.document.count { check(Array(Self.document[..<end])) }
    }

    @Test func everySingleByteDeletionParsesOrFailsWithAPosition() {
        for skip in Self.document.indices {
            check(Array(Self.document[..<skip] + Self.document[(skip + 1)...]))
        }
    }
}
