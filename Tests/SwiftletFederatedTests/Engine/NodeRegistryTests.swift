import Testing
import SwiftletFederated

/// A client that only carries a label, so a test can tell which one the registry holds.
private struct LabelledClient: Client {
    var label: String
    func parameters(config: ConfigRecord) async throws -> ArrayRecord { ArrayRecord(flat: []) }
    func fit(_ instruction: FitInstruction) async throws -> FitResult { throw ClientFailure(description: label) }
    func evaluate(_ instruction: EvaluateInstruction) async throws -> EvaluateResult { throw ClientFailure(description: label) }
}

@Suite struct NodeRegistryTests {
    static func label(_ registry: NodeRegistry, _ node: NodeID) -> String? {
        (registry.client(for: node) as? LabelledClient)?.label
    }

    @Test func joiningNodeIsNewRegisteredAndAvailable() {
        var registry = NodeRegistry()
        let isNew = registry.join(3, client: LabelledClient(label: "a"))
        #expect(isNew)
        #expect(registry.nodes == [3])
        #expect(registry.availableNodes == [3])
        #expect(registry.isAvailable(3))
        #expect(registry.count == 1)
    }

    @Test func rejoiningReplacesTheClientAndIsNotNew() {
        var registry = NodeRegistry()
        registry.join(3, client: LabelledClient(label: "old"))
        let isNew = registry.join(3, client: LabelledClient(label: "new"))
        #expect(isNew == false)
        #expect(Self.label(registry, 3) == "new")
        #expect(registry.count == 1)
    }

    @Test func rejoiningMakesAnUnavailableNodeAvailable() {
        var registry = NodeRegistry()
        registry.join(3, client: LabelledClient(label: "a"))
        registry.setAvailable(3, false)
        registry.join(3, client: LabelledClient(label: "a"))
        #expect(registry.isAvailable(3))
    }

    @Test func leavingRemovesTheNodeAndItsClient() {
        var registry = NodeRegistry()
        registry.join(3, client: LabelledClient(label: "a"))
        let wasRegistered = registry.leave(3)
        #expect(wasRegistered)
        #expect(registry.nodes.isEmpty)
        #expect(registry.client(for: 3) == nil)
    }

    @Test func leavingAnUnknownNodeReportsFalse() {
        var registry = NodeRegistry()
        let wasRegistered = registry.leave(3)
        #expect(wasRegistered == false)
    }

    @Test func unavailableNodeStaysRegisteredButIsNotAvailable() {
        var registry = NodeRegistry()
        registry.join(1, client: LabelledClient(label: "a"))
        registry.join(2, client: LabelledClient(label: "b"))
        let known = registry.setAvailable(1, false)
        #expect(known)
        #expect(registry.nodes == [1, 2])
        #expect(registry.availableNodes == [2])
        #expect(registry.isAvailable(1) == false)
        #expect(Self.label(registry, 1) == "a")
    }

    @Test func nodeCanBecomeAvailableAgain() {
        var registry = NodeRegistry()
        registry.join(1, client: LabelledClient(label: "a"))
        registry.setAvailable(1, false)
        registry.setAvailable(1, true)
        #expect(registry.availableNodes == [1])
    }

    @Test func settingAvailabilityOfAnUnknownNodeReportsFalseAndAddsNothing() {
        var registry = NodeRegistry()
        let known = registry.setAvailable(9, true)
        #expect(known == false)
        #expect(registry.count == 0)
        #expect(registry.isAvailable(9) == false)
    }

    @Test func nodeListsAreSortedByIDWhateverTheJoinOrder() {
        var registry = NodeRegistry()
        for node: NodeID in [42, 7, 19, 3, 100] { registry.join(node, client: LabelledClient(label: "\(node)")) }
        registry.setAvailable(19, false)
        #expect(registry.nodes == [3, 7, 19, 42, 100])
        #expect(registry.availableNodes == [3, 7, 42, 100])
    }
}

@Suite struct NodeRegistryAvailableCountTests {
    @Test func availableCountFollowsJoinsLeavesAndAvailability() {
        var registry = NodeRegistry()
        let client = LabelledClient(label: "x")
        registry.join(1, client: client)
        registry.join(2, client: client)
        registry.join(3, client: client)
        #expect(registry.availableCount == 3)
        registry.setAvailable(2, false)
        registry.setAvailable(2, false)
        #expect(registry.availableCount == 2)
        registry.join(2, client: client)          // rejoining makes it available again
        #expect(registry.availableCount == 3)
        registry.setAvailable(3, false)
        registry.leave(3)                         // leaving while unavailable changes nothing more
        registry.leave(1)
        registry.leave(9)
        #expect(registry.availableCount == 1)
        #expect(registry.availableCount == registry.availableNodes.count)
    }
}
