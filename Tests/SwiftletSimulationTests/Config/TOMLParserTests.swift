import Testing
@testable import SwiftletSimulation

/// Valid documents, mostly the examples of the TOML v1.0.0 specification, parse to the values it describes.
@Suite struct TOMLParserTests {
    func parse(_ text: String) throws -> TOMLTable { try TOMLParser.parse(text) }

    @Test func specIntroductionExampleParsesToItsValues() throws {
        let doc = try parse("""
            # This is a TOML document

            title = "TOML Example"

            [owner]
            name = "Tom Preston-Werner"
            dob = 1979-05-27T07:32:00-08:00

            [database]
            enabled = true
            ports = [ 8000, 8001, 8002 ]
            data = [ ["delta", "phi"], [3.14] ]
            temp_targets = { cpu = 79.5, case = 72.0 }

            [servers]

            [servers.alpha]
            ip = "10.0.0.1"
            role = "frontend"

            [servers.beta]
            ip = "10.0.0.2"
            role = "backend"
            """)
        #expect(doc["title"] == .string("TOML Example"))
        let dob = TOMLDateTime(date: .init(year: 1979, month: 5, day: 27), time: .init(hour: 7, minute: 32, second: 0), offsetMinutes: -480)
        #expect(doc[path: ["owner", "dob"]] == .dateTime(dob))
        #expect(doc[path: ["database", "ports"]] == .array([.integer(8000), .integer(8001), .integer(8002)]))
        #expect(doc[path: ["database", "data"]] == .array([.array([.string("delta"), .string("phi")]), .array([.float(3.14)])]))
        #expect(doc[path: ["database", "temp_targets", "case"]] == .float(72))
        #expect(doc[path: ["servers", "beta", "role"]] == .string("backend"))
        #expect(doc.keys == ["title", "owner", "database", "servers"])
        #expect(doc[path: ["servers"]]?.tableValue?.keys == ["alpha", "beta"])
    }

    @Test func commentsMayFollowValuesAndFillLines() throws {
        let doc = try parse("# full line\nkey = \"value\"  # end of line\nanother = \"# not a comment\"\n")
        #expect(doc == ["key": .string("value"), "another": .string("# not a comment")])
    }

    @Test func quotedBareAndDottedKeysAddressNestedTables() throws {
        let doc = try parse("""
            bare_key = 1
            bare-key = 2
            1234 = 3
            "127.0.0.1" = 4
            "ʎǝʞ" = 5
            'quoted "value"' = 6
            "" = 7
            physical.color = "orange"
            physical . shape = "round"
            site."google.com" = true
            3.14159 = "pi"
            """)
        #expect(doc["1234"] == .integer(3))
        #expect(doc["127.0.0.1"] == .integer(4))
        #expect(doc["ʎǝʞ"] == .integer(5))
        #expect(doc["quoted \"value\""] == .integer(6))
        #expect(doc[""] == .integer(7))
        #expect(doc["physical"] == .table(["color": .string("orange"), "shape": .string("round")]))
        #expect(doc[path: ["site", "google.com"]] == .boolean(true))
        #expect(doc[path: ["3", "14159"]] == .string("pi"))
    }

    @Test func basicStringsDecodeEveryEscape() throws {
        let doc = try parse(#"s = "\b\t\n\f\r\"\\ \u00E9 \U0001F600 \u0000""#)
        #expect(doc["s"] == .string("\u{08}\t\n\u{0C}\r\"\\ é 😀 \u{0}"))
    }

    @Test func multiLineBasicStringTrimsFirstNewlineAndLineEndingBackslashes() throws {
        let doc = try parse("""
            str1 = \"\"\"
            Roses are red
            Violets are blue\"\"\"
            str2 = \"\"\"
            The quick brown \\


              fox jumps over \\
                the lazy dog.\"\"\"
            str4 = \"\"\"Here are two quotation marks: "". Simple enough.\"\"\"
            str5 = \"\"\"Here are three quotation marks: ""\\".\"\"\"
            str7 = \"\"\"\"This," she said, "is just a pointless statement.\"\"\"\"
            """)
        #expect(doc["str1"] == .string("Roses are red\nViolets are blue"))
        #expect(doc["str2"] == .string("The quick brown fox jumps over the lazy dog."))
        #expect(doc["str4"] == .string("Here are two quotation marks: \"\". Simple enough."))
        #expect(doc["str5"] == .string("Here are three quotation marks: \"\"\"."))
        #expect(doc["str7"] == .string("\"This,\" she said, \"is just a pointless statement.\""))
    }

    @Test func crlfNewlinesInMultiLineStringsBecomeLineFeeds() throws {
        let doc = try parse("s = \"\"\"\r\na\r\nb\"\"\"\r\nt = 1\r\n")
        #expect(doc == ["s": .string("a\nb"), "t": .integer(1)])
    }

    @Test func literalStringsKeepBackslashesAndQuotes() throws {
        let doc = try parse(#"""
            winpath  = 'C:\Users\nodejs\templates'
            quoted   = 'Tom "Dubs" Preston-Werner'
            regex    = '<\i\c*\s*>'
            re2 = '''I [dw]on't need \d{2} apples'''
            lines  = '''
            The first newline is
            trimmed in raw strings.
            '''
            quot15 = '''Here are fifteen quotation marks: """""""""""""""'''
            apos15 = "Here are fifteen apostrophes: '''''''''''''''"
            str = ''''That,' she said, 'is still pointless.''''
            """#)
        #expect(doc["winpath"] == .string(#"C:\Users\nodejs\templates"#))
        #expect(doc["quoted"] == .string(#"Tom "Dubs" Preston-Werner"#))
        #expect(doc["regex"] == .string(#"<\i\c*\s*>"#))
        #expect(doc["re2"] == .string(#"I [dw]on't need \d{2} apples"#))
        #expect(doc["lines"] == .string("The first newline is\ntrimmed in raw strings.\n"))
        #expect(doc["quot15"] == .string("Here are fifteen quotation marks: " + String(repeating: "\"", count: 15)))
        #expect(doc["str"] == .string("'That,' she said, 'is still pointless.'"))
    }

    @Test func integersParseInAllFourBasesWithUnderscores() throws {
        let doc = try parse("""
            int1 = +99
            int2 = 42
            int3 = 0
            int4 = -17
            int5 = 1_000
            int6 = 5_349_221
            int7 = 53_49_221
            int8 = 1_2_3_4_5
            hex1 = 0xDEADBEEF
            hex2 = 0xdeadbeef
            hex3 = 0xdead_beef
            oct1 = 0o01234567
            oct2 = 0o755
            bin1 = 0b11010110
            max = 9223372036854775807
            min = -9223372036854775808
            zero = -0
            """)
        #expect(doc["int1"] == .integer(99))
        #expect(doc["int4"] == .integer(-17))
        #expect(doc["int6"] == .integer(5_349_221))
        #expect(doc["int8"] == .integer(12345))
        #expect(doc["hex1"] == .integer(3_735_928_559))
        #expect(doc["hex3"] == .integer(3_735_928_559))
        #expect(doc["oct1"] == .integer(342_391))
        #expect(doc["oct2"] == .integer(493))
        #expect(doc["bin1"] == .integer(214))
        #expect(doc["max"] == .integer(.max))
        #expect(doc["min"] == .integer(.min))
        #expect(doc["zero"] == .integer(0))
    }

    @Test func floatsParseWithFractionsExponentsAndSpecialValues() throws {
        let doc = try parse("""
            flt1 = +1.0
            flt2 = 3.1415
            flt3 = -0.01
            flt4 = 5e+22
            flt5 = 1e06
            flt6 = -2E-2
            flt7 = 6.626e-34
            flt8 = 224_617.445_991_228
            sf1 = inf
            sf2 = +inf
            sf3 = -inf
            sf4 = nan
            sf6 = -nan
            """)
        #expect(doc["flt1"] == .float(1))
        #expect(doc["flt3"] == .float(-0.01))
        #expect(doc["flt4"] == .float(5e22))
        #expect(doc["flt5"] == .float(1e6))
        #expect(doc["flt6"] == .float(-0.02))
        #expect(doc["flt7"] == .float(6.626e-34))
        #expect(doc["flt8"] == .float(224_617.445_991_228))
        #expect(doc["sf2"] == .float(.infinity))
        #expect(doc["sf3"] == .float(-.infinity))
        #expect(doc["sf4"]?.floatValue?.isNaN == true)
        #expect(doc["sf6"]?.floatValue?.isNaN == true)
    }

    @Test func theFourDateTimeKindsParseWithTheirParts() throws {
        let doc = try parse("""
            odt1 = 1979-05-27T07:32:00Z
            odt3 = 1979-05-27T00:32:00.999999-07:00
            odt4 = 1979-05-27 07:32:00Z
            ldt1 = 1979-05-27T07:32:00
            ld1 = 1979-05-27
            lt2 = 00:32:00.999999
            leap = 2000-02-29
            """)
        let date = TOMLDateTime.Date(year: 1979, month: 5, day: 27)
        #expect(doc["odt1"] == .dateTime(.init(date: date, time: .init(hour: 7, minute: 32, second: 0), offsetMinutes: 0)))
        #expect(doc["odt3"] == .dateTime(.init(date: date, time: .init(hour: 0, minute: 32, second: 0, nanosecond: 999_999_000), offsetMinutes: -420)))
        #expect(doc["odt4"] == doc["odt1"])
        #expect(doc["ldt1"]?.typeName == "local date-time")
        #expect(doc["ld1"] == .dateTime(.init(date: date, time: nil)))
        #expect(doc["lt2"] == .dateTime(.init(date: nil, time: .init(hour: 0, minute: 32, second: 0, nanosecond: 999_999_000))))
        #expect(doc["leap"]?.typeName == "local date")
        #expect(doc["odt3"]?.description == "1979-05-27T00:32:00.999999-07:00")
    }

    @Test func arraysMixTypesSpanLinesAndAllowTrailingCommas() throws {
        let doc = try parse("""
            numbers = [ 0.1, 0.2, 0.5, 1, 2, 5 ]
            contributors = [
              "Foo Bar <foo@example.com>", # a comment
              { name = "Baz Qux", email = "bazqux@example.com", url = "https://example.com/bazqux" },
            ]
            empty = [ ]
            """)
        #expect(doc["numbers"]?.arrayValue?.count == 6)
        #expect(doc["numbers"]?.arrayValue?[3] == .integer(1))
        #expect(doc["contributors"]?.arrayValue?[1].tableValue?["name"] == .string("Baz Qux"))
        #expect(doc["empty"] == .array([]))
    }

    @Test func inlineTablesNestWithDottedKeys() throws {
        let doc = try parse(#"""
            name = { first = "Tom", last = "Preston-Werner" }
            animal = { type.name = "pug" }
            empty = {}
            """#)
        #expect(doc["name"] == .table(["first": .string("Tom"), "last": .string("Preston-Werner")]))
        #expect(doc[path: ["animal", "type", "name"]] == .string("pug"))
        #expect(doc["empty"] == .table([:]))
    }

    @Test func tablesMayBeDefinedAfterTheirSubTablesAndUnderDottedTables() throws {
        let doc = try parse("""
            [x.y.z.w]
            a = 1
            [x]
            b = 2
            [fruit]
            apple.color = "red"
            apple.taste.sweet = true
            [fruit.apple.texture]
            smooth = true
            """)
        #expect(doc[path: ["x", "y", "z", "w", "a"]] == .integer(1))
        #expect(doc[path: ["x", "b"]] == .integer(2))
        #expect(doc[path: ["fruit", "apple", "texture", "smooth"]] == .boolean(true))
        #expect(doc[path: ["fruit", "apple", "taste", "sweet"]] == .boolean(true))
    }

    @Test func dottedKeysMayAddToATableThatAHeaderOnlyImpliedAndArraysOfTablesMayNestUnderDottedTables() throws {
        // toml-lang/toml#771: [a.b.c] implies a.b without defining it, so the [a] block may define a.b.d.
        let doc = try parse("[a.b.c]\nz = 9\n[a]\nb.d = 1\n[fruit]\napple.color = \"red\"\n[[fruit.apple.seeds]]\nsize = 2\n")
        #expect(doc[path: ["a", "b"]] == .table(["c": .table(["z": .integer(9)]), "d": .integer(1)]))
        #expect(doc[path: ["fruit", "apple", "seeds"]] == .array([.table(["size": .integer(2)])]))
    }

    @Test func byteOrderMarkIsIgnored() throws {
        #expect(try parse("\u{FEFF}a = 1") == ["a": .integer(1)])
    }

    @Test func arraysOfTablesCollectElementsAndNestUnderTheLastOne() throws {
        let doc = try parse("""
            [[fruits]]
            name = "apple"

            [fruits.physical]  # subtable
            color = "red"

            [[fruits.varieties]]  # nested array of tables
            name = "red delicious"

            [[fruits.varieties]]
            name = "granny smith"

            [[fruits]]
            name = "banana"

            [[fruits.varieties]]
            name = "plantain"
            """)
        let fruits = try #require(doc["fruits"]?.arrayValue)
        #expect(fruits.count == 2)
        #expect(fruits[0].tableValue?[path: ["physical", "color"]] == .string("red"))
        #expect(fruits[0].tableValue?["varieties"]?.arrayValue?.count == 2)
        #expect(fruits[1].tableValue?["varieties"] == .array([.table(["name": .string("plantain")])]))
    }

    @Test func invalidUTF8BytesAreRejectedAtTheirPosition() {
        #expect(throws: TOMLError(line: 2, column: 6, message: "the document is not valid UTF-8")) {
            try TOMLParser.parse(bytes: Array("a = 1\nb = \"".utf8) + [0xFF, 0x22])
        }
    }
}
