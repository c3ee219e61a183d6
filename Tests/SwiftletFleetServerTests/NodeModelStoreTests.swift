import Foundation
import Testing
@testable import SwiftletFleetServer

/// The models nodes hold are stored once per distinct model, and deleted when no node holds them.
@Suite struct NodeModelStoreTests {
    static let a = StoredNodeModel(digest: String(repeating: "a", count: 64), values: [1, 2])
    static let b = StoredNodeModel(digest: String(repeating: "b", count: 64), values: [3, 4.5])

    @Test func aSavedModelIsReadBack() throws {
        let store = try SQLiteFleetStore()
        try store.saveNodeModel(Self.a, run: 1, node: 7)
        #expect(try store.nodeModel(run: 1, node: 7) == Self.a)
        #expect(try store.nodeModel(run: 2, node: 7) == nil)
    }

    @Test func nodesHoldingTheSameModelShareOneCopy() throws {
        let store = try SQLiteFleetStore()
        for node: UInt64 in 1...3 { try store.saveNodeModel(Self.a, run: 1, node: node) }
        #expect(try store.nodeModelBlobCount() == 1)
    }

    @Test func aModelNoNodeHoldsAnyMoreIsDeleted() throws {
        let store = try SQLiteFleetStore()
        for node: UInt64 in 1...2 { try store.saveNodeModel(Self.a, run: 1, node: node) }
        try store.saveNodeModel(Self.b, run: 1, node: 1)
        #expect(try store.nodeModelBlobCount() == 2)
        try store.saveNodeModel(Self.b, run: 1, node: 2)
        #expect(try store.nodeModelBlobCount() == 1)
        #expect(try store.nodeModel(run: 1, node: 2) == Self.b)
    }

    @Test func forgettingTheLastHolderDeletesTheModel() throws {
        let store = try SQLiteFleetStore()
        try store.saveNodeModel(Self.a, run: 1, node: 1)
        try store.deleteNodeModel(run: 1, node: 1)
        #expect(try store.nodeModel(run: 1, node: 1) == nil)
        #expect(try store.nodeModelBlobCount() == 0)
    }

    @Test func theModelsSurviveReopeningTheFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("node-models-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        try SQLiteFleetStore(path: path).saveNodeModel(Self.b, run: 3, node: 4)
        #expect(try SQLiteFleetStore(path: path).nodeModel(run: 3, node: 4) == Self.b)
    }
}
