import Foundation
import SwiftletFleetProtocol
import Testing

@Suite struct FleetTimestampTests {
    @Test func formatsLikePythonIsoformatIncludingTheDroppedZeroFraction() throws {
        let lines = try AuthFixtures.text("timestamps.txt").split(separator: "\n")
        #expect(lines.count == 5)
        for line in lines {
            let parts = line.split(separator: " ")
            let micros = try #require(Int64(parts[0]))
            let date = Date(timeIntervalSince1970: Double(micros) / 1_000_000)
            #expect(FleetTimestamp.string(for: date) == String(parts[1]))
        }
    }

    @Test func parsesWhatItFormats() throws {
        let date = Date(timeIntervalSince1970: 1_795_463_229.123456)
        let parsed = try #require(FleetTimestamp.date(from: FleetTimestamp.string(for: date)))
        #expect(abs(parsed.timeIntervalSince(date)) < 1e-6)
    }

    @Test func appliesZoneOffsetsAndZ() throws {
        let utc = try #require(FleetTimestamp.date(from: "2026-11-23T19:47:09+00:00"))
        #expect(FleetTimestamp.date(from: "2026-11-23T19:47:09Z") == utc)
        #expect(FleetTimestamp.date(from: "2026-11-23T21:47:09+02:00") == utc)
        #expect(FleetTimestamp.date(from: "2026-11-23T14:17:09-0530") == utc)
        #expect(FleetTimestamp.date(from: "2026-11-23 19:47:09+00:00") == utc)
        #expect(utc.timeIntervalSince1970 == 1_795_463_229)
    }

    @Test func truncatesFractionsPastMicroseconds() throws {
        let parsed = try #require(FleetTimestamp.date(from: "2026-11-23T19:47:09.1234569+00:00"))
        #expect(abs(parsed.timeIntervalSince1970 - 1_795_463_229.123456) < 1e-6)
        let short = try #require(FleetTimestamp.date(from: "2026-11-23T19:47:09.5Z"))
        #expect(short.timeIntervalSince1970 == 1_795_463_229.5)
    }

    @Test func refusesTimesWithoutAZoneAndMalformedText() {
        for text in ["2026-11-23T19:47:09", "2026-11-23T19:47:09.5", "", "yesterday", "2026-13-01T00:00:00Z",
                     "2026-02-30T00:00:00Z", "2026-11-23T24:00:00Z", "2026-11-23T19:47:09+00:00 ",
                     "2026-11-23T19:47:09.+00:00", "2026-11-23X19:47:09Z", "1795463229"] {
            #expect(FleetTimestamp.date(from: text) == nil, "\(text)")
        }
    }
}
