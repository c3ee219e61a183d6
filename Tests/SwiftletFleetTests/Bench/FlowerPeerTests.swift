import Foundation
import Testing
@testable import SwiftletFleet

@Suite struct FlowerPeerTests {
    @Test func roundLinesAreReadAndAHalfWrittenLineIsSkipped() {
        let text = """
            {"round": 1, "seconds": 61.5, "replies": 100, "errors": 0, "error-reasons": [], "aggregated": true}
            {"round": 2, "seconds": 58.25, "replies": 98, "errors": 2, "error-reasons": ["0: node offline"], "aggregated": true}
            {"round": 3, "seconds": 5
            """
        let (rounds, done) = FlowerPeer.parseRecord(text)
        #expect(rounds.map(\.round) == [1, 2])
        #expect(rounds.map(\.seconds) == [61.5, 58.25])
        #expect(rounds.map(\.replies) == [100, 98])
        #expect(rounds.map(\.errors) == [0, 2])
        #expect(!done)
    }

    @Test func theDoneLineEndsTheRun() {
        let text = """
            {"round": 1, "seconds": 2.0, "replies": 3, "errors": 0, "error-reasons": [], "aggregated": false}
            {"done": true}

            """
        let (rounds, done) = FlowerPeer.parseRecord(text)
        #expect(rounds.count == 1)
        #expect(rounds[0].aggregated == false)
        #expect(done)
    }

    @Test func aBinDirectoryWithoutFlowerIsRefusedNamingTheTool() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("flower-bin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        do {
            _ = try FlowerPeer(bin: empty, work: empty.appendingPathComponent("work"))
            Issue.record("a directory without flower-superlink was accepted")
        } catch let error as FleetBenchmarkError {
            #expect("\(error)".contains("has no flower-superlink"))
        }
        #expect(!FileManager.default.fileExists(atPath: empty.appendingPathComponent("work").path))
    }

    @Test func aFreePortAcceptsNothingUntilSomethingListens() throws {
        let port = try FlowerPeer.freeLoopbackPort()
        #expect((1...65_535).contains(port))
        #expect(!FlowerPeer.accepts(port: port))
    }
}
