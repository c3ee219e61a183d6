import Foundation
import SwiftletData
import Testing
@testable import SwiftletSimulation

/// Bad dataset files surface from ``Experiment/build(_:)`` as ``ExperimentError/dataset(file:reason:)`` with
/// the file named, before any training.
@Suite struct ExperimentDataErrorTests {
    /// A fresh temporary directory for one test.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "swiftlet-experiment-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static func datasetError(_ toml: String) throws -> (file: String, reason: String)? {
        let config = try SimulationConfig(toml: toml)
        do {
            _ = try Experiment.build(config)
        } catch {
            if case let .dataset(file, reason) = error { return (file, reason) }
            Issue.record("expected a dataset error, got \(error)")
        }
        return nil
    }

    @Test func truncatedIDXFileIsReportedWithItsPath() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bundled = try BundledData.mnistDirectory()
        for name in ["train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"] {
            let source = FileManager.default.fileExists(atPath: "\(bundled)/\(name)") ? "\(bundled)/\(name)" : "\(bundled)/\(name).gz"
            try FileManager.default.copyItem(atPath: source, toPath: "\(directory)/\(source.hasSuffix(".gz") ? name + ".gz" : name)")
        }
        // A valid header for 60,000 images of 28×28 followed by only 100 bytes of pixels.
        var bytes: [UInt8] = [0, 0, 8, 3, 0, 0, 0xEA, 0x60, 0, 0, 0, 28, 0, 0, 0, 28]
        bytes += [UInt8](repeating: 0, count: 100)
        try Data(bytes).write(to: URL(fileURLWithPath: "\(directory)/train-images-idx3-ubyte"))
        let error = try #require(try Self.datasetError("[data]\npath = \"\(directory)\""))
        #expect(error.file == directory)
        #expect(error.reason.contains("train-images-idx3-ubyte"))
    }

    @Test func missingMNISTDirectoryIsReported() throws {
        let error = try #require(try Self.datasetError("[data]\npath = \"/nonexistent/swiftlet-mnist\""))
        #expect(error.file == "/nonexistent/swiftlet-mnist")
    }

    @Test func malformedCSVIsReportedWithItsPath() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/bad.csv"
        try Self.write("a,b,label\n1,2,0\n3,four,1\n", to: file)
        let error = try #require(try Self.datasetError("[data]\ndataset = \"csv\"\npath = \"\(file)\"\n[model]\npreset = \"logreg\"\n[partition]\nclients = 1\n[server]\nper-round = 1"))
        #expect(error.file == file)
        #expect(error.reason.contains("\(file):3:2: 'four' is not a number"))
    }

    @Test func csvWithoutTheLabelColumnIsReported() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/nolabel.csv"
        try Self.write("a,b,c\n1,2,0\n3,4,1\n", to: file)
        let error = try #require(try Self.datasetError("[data]\ndataset = \"csv\"\npath = \"\(file)\"\n[partition]\nclients = 1\n[server]\nper-round = 1"))
        #expect(error.file == file)
        #expect(error.reason.contains("no column named 'label'"))
    }

    @Test func badLEAFJSONIsReportedWithItsPath() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/train.json"
        try Self.write("{\"users\": [\"a\"], \"num_samples\": [1], \"user_data\": {\"a\": {\"x\": [[1, 2]], \"y\": [0]", to: file)
        let error = try #require(try Self.datasetError("[data]\ndataset = \"leaf\"\npath = \"\(file)\"\n[partition]\nscheme = \"natural\"\nclients = 1\n[server]\nper-round = 1"))
        #expect(error.file == file)
    }

    @Test func csvWithClientColumnSplitsNaturally() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/clients.csv"
        var rows = "x1,x2,label,subject\n"
        for i in 0..<30 { rows += "\(i % 7),\(i % 5),\(i % 3),s\(i % 3)\n" }
        try Self.write(rows, to: file)
        let test = directory + "/test.csv"
        try Self.write("x1,x2,label\n1,2,0\n2,3,1\n", to: test)
        let experiment = try Experiment.build(try SimulationConfig(toml: """
            [data]
            dataset = "csv"
            path = "\(file)"
            test-path = "\(test)"
            client-column = "subject"
            [partition]
            scheme = "natural"
            clients = 3
            [model]
            preset = "logreg"
            [server]
            per-round = 2
            """))
        #expect(try experiment.setup.clients.map { try $0.training.count() } == [10, 10, 10])
        #expect(experiment.test.count == 2)
        #expect(experiment.parameterCount == 2 * 3 + 3)
    }
}
