import Testing
@testable import SwiftletData

/// Named per-client datasets and their pooled forms.
@Suite struct FederatedDatasetTests {
    func part(_ features: [Float], _ labels: [Int32], classes: Int = 3) throws -> LabeledDataset {
        try LabeledDataset(sampleShape: [1], features: features, labels: labels, classCount: classes)
    }

    @Test func pooledFormsConcatenateInClientOrder() throws {
        let data = try FederatedDataset(clients: [
            .init(id: "a", training: part([1, 2], [0, 1]), test: part([9], [2])),
            .init(id: "b", training: part([3], [2]), test: part([], [])),
        ])
        #expect(data.pooledTraining().features == [1, 2, 3])
        #expect(data.pooledTraining().labels == [0, 1, 2])
        #expect(data.pooledTest().features == [9])
        #expect(data.pooledTrainingClientIndices() == [0, 0, 1])
        #expect(data.trainingSizes == [2, 1])
        #expect(data.client("b")?.training.labels == [2])
        #expect(data.client("c") == nil)
    }

    @Test func duplicateIdsAreRejected() throws {
        let client = FederatedDataset.Client(id: "a", training: try part([1], [0]), test: try part([], []))
        #expect(throws: DatasetError.duplicateClient("a")) { try FederatedDataset(clients: [client, client]) }
    }

    @Test func clientsMustAgreeOnClassCount() throws {
        #expect(throws: DatasetError.classCountMismatch(client: "b", classes: 4, expected: 3)) {
            try FederatedDataset(clients: [
                .init(id: "a", training: part([1], [0]), test: part([], [])),
                .init(id: "b", training: part([1], [0], classes: 4), test: part([], [], classes: 4)),
            ])
        }
    }

    @Test func noClientsIsRejected() {
        #expect(throws: DatasetError.noClients) { try FederatedDataset(clients: []) }
    }
}
