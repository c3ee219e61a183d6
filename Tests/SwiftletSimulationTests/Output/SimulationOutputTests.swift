import Foundation
import Testing
@testable import SwiftletSimulation

/// Writing a run's directory and reading it back; errors name the path.
@Suite struct SimulationOutputTests {
    let history = OutputTestRecords.all

    func temporaryPath(_ name: String) -> String {
        (NSTemporaryDirectory() as NSString).appendingPathComponent("swiftlet-output-\(name)-\(UUID().uuidString)")
    }

    func write(to directory: String, deviceDetail: Bool = true) throws -> [String] {
        let summary = SimulationSummary(history: history, wallSeconds: 3)
        return try SimulationOutput.write(history: history, summary: summary, charts: SimulationCharts(history: history),
                                          configTOML: "seed = 7\n", to: directory, deviceDetail: deviceDetail)
    }

    @Test func writesEveryFileAndTheyReadBack() throws {
        let directory = temporaryPath("roundtrip") + "/nested/run"
        defer { try? FileManager.default.removeItem(atPath: (directory as NSString).deletingLastPathComponent) }
        let written = try write(to: directory)
        #expect(written.count == 4 + 6)
        func read(_ name: String) throws -> String { try String(contentsOfFile: directory + "/" + name, encoding: .utf8) }
        #expect(try read("config.toml") == "seed = 7\n")
        #expect(try SimulationHistory(jsonLines: read("rounds.jsonl")) == history)
        #expect(try read("rounds.csv") == history.csv())
        #expect(try read("summary.json") == SimulationSummary(history: history, wallSeconds: 3).json())
        let charts = try FileManager.default.contentsOfDirectory(atPath: directory + "/charts").sorted()
        #expect(charts == ["accuracy-per-hour.svg", "accuracy-per-round.svg", "bytes-per-round.svg",
                           "energy-per-round.svg", "loss-per-hour.svg", "loss-per-round.svg"])
    }

    @Test func rewritingAnExistingDirectoryReplacesTheFiles() throws {
        let directory = temporaryPath("again")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try write(to: directory)
        _ = try write(to: directory, deviceDetail: false)
        let text = try String(contentsOfFile: directory + "/rounds.jsonl", encoding: .utf8)
        #expect(!text.contains("\"devices\""))
    }

    @Test func aFileWhereTheDirectoryShouldBeIsAnError() throws {
        let path = temporaryPath("file")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("x".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: SimulationOutputError.notADirectory(path: path)) { try write(to: path) }
    }

    @Test func aFileWhereTheChartsFolderShouldBeIsAnError() throws {
        let directory = temporaryPath("charts")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: directory + "/charts"))
        #expect(throws: SimulationOutputError.notADirectory(path: directory + "/charts")) { try write(to: directory) }
    }

    @Test func aFileAmongTheParentsIsAnErrorNamingIt() throws {
        let file = temporaryPath("parent")
        defer { try? FileManager.default.removeItem(atPath: file) }
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        #expect(throws: SimulationOutputError.notADirectory(path: file)) { try write(to: file + "/run/deeper") }
    }

    @Test func aFileThatCannotBeReplacedIsAnErrorNamingIt() throws {
        // A directory where rounds.csv should go cannot be replaced by a file, even by root.
        let directory = temporaryPath("blocked")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/rounds.csv/inner", withIntermediateDirectories: true)
        do {
            _ = try write(to: directory)
            Issue.record("expected an error")
        } catch let error as SimulationOutputError {
            guard case .cannotWrite(let path, _) = error else { Issue.record("\(error)"); return }
            #expect(path == directory + "/rounds.csv")
        }
    }

    @Test func errorsNameThePath() {
        #expect(SimulationOutputError.notADirectory(path: "/tmp/x").description.hasPrefix("/tmp/x: "))
        #expect(SimulationOutputError.cannotWrite(path: "/tmp/y", reason: "No space left on device").description
                == "/tmp/y: cannot write: No space left on device")
    }
}
