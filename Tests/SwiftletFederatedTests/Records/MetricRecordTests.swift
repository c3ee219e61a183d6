import Foundation
import Testing
import SwiftletFederated

@Suite struct MetricRecordTests {
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func roundTrip<T: Codable>(_ value: T) throws -> T {
        try JSONDecoder().decode(T.self, from: JSONEncoder().encode(value))
    }

    @Test func intEncodesAsABareNumber() throws {
        #expect(try Self.json(MetricValue.int(600)) == "600")
    }

    @Test func doubleEncodesAsABareNumber() throws {
        #expect(try Self.json(MetricValue.double(0.25)) == "0.25")
    }

    @Test func listsEncodeAsBareArrays() throws {
        #expect(try Self.json(MetricValue.ints([1, -2])) == "[1,-2]")
        #expect(try Self.json(MetricValue.doubles([0.5, 1.5])) == "[0.5,1.5]")
    }

    @Test func recordEncodesAsAPlainObject() throws {
        let record: MetricRecord = ["accuracy": 0.75, "examples": 600, "per_class": .doubles([0.5, 0.25])]
        #expect(try Self.json(record) == #"{"accuracy":0.75,"examples":600,"per_class":[0.5,0.25]}"#)
    }

    @Test func everyKindOfValueRoundTrips() throws {
        let record: MetricRecord = ["a": 3, "b": -0.125, "c": .ints([4, 5]), "d": .doubles([0.5, 2.75])]
        #expect(try Self.roundTrip(record) == record)
    }

    @Test func integralDoubleRoundTripsToAnEqualValue() throws {
        // JSON writes 1.0 as `1`, which decodes as `.int(1)`: the two must compare equal, or a history with
        // an accuracy of exactly 1 would not survive its own export.
        let record: MetricRecord = ["accuracy": 1.0, "per_class": .doubles([1, 0.5]), "empty": .doubles([])]
        #expect(try Self.roundTrip(record) == record)
    }

    @Test func intAndDoubleOfTheSameNumberAreEqualAndHashAlike() {
        #expect(MetricValue.int(2) == .double(2))
        #expect(MetricValue.ints([1, 2]) == .doubles([1, 2]))
        #expect(Set<MetricValue>([.int(2), .double(2), .double(-0.0), .int(0)]).count == 2)
    }

    @Test func intAndDoubleOfDifferentNumbersDiffer() {
        #expect(MetricValue.int(2) != .double(2.5))
        #expect(MetricValue.int(2) != .ints([2]))
        #expect(MetricValue.ints([1, 2]) != .doubles([1, 2, 3]))
        // 2⁶³ is a Double but no Int64: it must not compare equal to the nearest Int64.
        #expect(MetricValue.int(.max) != .double(9_223_372_036_854_775_808))
    }

    @Test func fractionalNumberDecodesAsDouble() throws {
        let value = try JSONDecoder().decode(MetricValue.self, from: Data("0.5".utf8))
        #expect(value == .double(0.5))
    }

    @Test func mixedArrayDecodesAsDoubles() throws {
        let value = try JSONDecoder().decode(MetricValue.self, from: Data("[1,2.5]".utf8))
        #expect(value == .doubles([1, 2.5]))
    }

    @Test func nonNumericJSONIsADecodingError() {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(MetricValue.self, from: Data(#""high""#.utf8)) }
    }

    @Test func scalarReadsNumbersAndNotLists() {
        let record: MetricRecord = ["n": 4, "x": 0.5, "list": .ints([1])]
        #expect(record.scalar("n") == 4)
        #expect(record.scalar("x") == 0.5)
        #expect(record.scalar("list") == nil)
        #expect(record.scalar("missing") == nil)
    }
}
