import Foundation
import Testing
@testable import SwiftletData

/// LEAF JSON files parsed into per-user datasets, and the bundled FEMNIST sample.
@Suite struct LEAFTests {
    static let small = """
        {"users": ["w1", "w2"], "num_samples": [2, 1],
         "user_data": {"w1": {"x": [[0.5, 1, -2], [3e-1, 0, 4]], "y": [2, 0]},
                       "w2": {"x": [[7, 8, 9]], "y": [1]}}}
        """

    @Test func usersBecomeClientsWithExactValues() throws {
        let data = try LEAF.parse(Array(Self.small.utf8))
        #expect(data.ids == ["w1", "w2"])
        #expect(data.sampleShape == [3])
        #expect(data.classCount == 3)
        #expect(data.clients[0].training.features == [0.5, 1, -2, 0.3, 0, 4])
        #expect(data.clients[0].training.labels == [2, 0])
        #expect(data.clients[1].training.features == [7, 8, 9])
        #expect(data.clients[1].training.labels == [1])
        #expect(data.testSizes == [0, 0])
    }

    @Test func keyOrderAndExtraKeysDoNotMatter() throws {
        let text = """
            {"hierarchies": ["p", {"a": [true, null, "x\\"y"]}],
             "user_data": {"b\\u00e9": {"y": [1], "raw": "text", "x": [[1, 2]]}},
             "num_samples": [1], "users": ["bé"]}
            """
        let data = try LEAF.parse(Array(text.utf8))
        #expect(data.ids == ["bé"])
        #expect(data.clients[0].training.features == [1, 2])
    }

    @Test func sampleShapeAndClassCountAreApplied() throws {
        let data = try LEAF.parse(Array(Self.small.utf8), sampleShape: [1, 1, 3], classCount: 5)
        #expect(data.sampleShape == [1, 1, 3])
        #expect(data.classCount == 5)
    }

    @Test func trainingAndTestFilesArePairedByUser() throws {
        let directory = try temporaryDirectory("leaf-pair")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try writeFile(Array(Self.small.utf8), to: directory + "/train.json")
        let test = #"{"users": ["w3", "w1"], "num_samples": [1, 1], "user_data": {"w1": {"x": [[1, 1, 1]], "y": [4]}, "w3": {"x": [[2, 2, 2]], "y": [0]}}}"#
        try writeFile(Gzip.storedMember(Array(test.utf8)), to: directory + "/test.json.gz")
        let data = try LEAF.load(training: directory + "/train.json", test: directory + "/test.json.gz")
        #expect(data.ids == ["w1", "w2", "w3"])
        #expect(data.trainingSizes == [2, 1, 0])
        #expect(data.testSizes == [1, 0, 1])
        #expect(data.classCount == 5)  // Inferred from the test file's label 4.
        #expect(data.client("w1")?.test.features == [1, 1, 1])
        #expect(data.pooledTest().labels == [4, 0])
    }

    @Test func userLimitKeepsTheFirstUsers() throws {
        let directory = try temporaryDirectory("leaf-limit")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try writeFile(Array(Self.small.utf8), to: directory + "/train.json")
        #expect(try LEAF.load(training: directory + "/train.json", userLimit: 1).ids == ["w1"])
    }

    @Test func leafShakespeareTextRowsMapThroughLEAFsAlphabet() throws {
        let text = #"{"users": ["ROMEO"], "num_samples": [2], "user_data": {"ROMEO": {"x": ["ab", "b$"], "y": ["c", "\n"]}}}"#
        let data = try LEAF.parse(Array(text.utf8))
        #expect(data.sampleShape == [2])
        #expect(data.classCount == 80)
        #expect(data.clients[0].training.features == [53, 54, 54, 79])
        #expect(data.clients[0].training.labels == [55, 0])
    }

    @Test func bundledFEMNISTHasFiveWritersAnd659And75Samples() throws {
        let femnist = try FEMNIST.loadBundled()
        #expect(femnist.ids == ["f2062_39", "f1593_46", "f1667_29", "f1640_48", "f1599_48"])
        #expect(femnist.trainingSizes == [123, 133, 148, 153, 102])
        #expect(femnist.testSizes == [14, 15, 17, 17, 12])
        #expect(femnist.pooledTraining().count == 659)
        #expect(femnist.pooledTest().count == 75)
        #expect(femnist.sampleShape == [1, 28, 28])
        #expect(femnist.classCount == 62)
        #expect(Array(femnist.clients[0].training.labels.prefix(5)) == [44, 44, 43, 36, 59])
        #expect(Array(femnist.clients[0].test.labels.prefix(5)) == [45, 44, 1, 7, 7])
        #expect(femnist.clients[0].training.features[0] == 1)  // LEAF's background is 1.
        #expect(femnist.pooledTraining().features.allSatisfy { $0 >= 0 && $0 <= 1 })
    }
}
