import Testing
@testable import SwiftletFederated

@Suite struct StrategyStateRestoreTests {
    func restoreError<S: Strategy>(_ strategy: inout S, _ state: StrategyState) -> CheckpointError? {
        do {
            try strategy.restore(from: state)
            return nil
        } catch {
            return error
        }
    }

    @Test func statelessStrategyRefusesStateNamingItself() {
        var strategy = FedAvg()
        let state = StrategyState(arrays: ["velocity": ArrayRecord(flat: [1])], ints: ["steps": 1])
        #expect(restoreError(&strategy, state) == .incompatibleState(
            strategy: "FedAvg", reason: "the strategy keeps no state between rounds, the checkpoint holds [\"velocity\", \"steps\"]"))
    }

    @Test func statelessStrategyAcceptsEmptyState() throws {
        var strategy = Krum(byzantineCount: 1)
        #expect(strategy.checkpointState().isEmpty)
        try strategy.restore(from: StrategyState())
    }

    @Test func qFedAvgKeepsNoState() throws {
        #expect(try QFedAvg().checkpointState().isEmpty)
    }

    @Test func fedAvgMRoundTripsItsVelocity() throws {
        var source = try FedAvgM(serverMomentum: 0.9)
        source.velocity = [0.5, -1.25]
        var target = try FedAvgM(serverMomentum: 0.9)
        try target.restore(from: source.checkpointState())
        #expect(target.velocity == [0.5, -1.25])
    }

    @Test func fedAvgMRefusesAnUnexpectedArray() throws {
        var strategy = try FedAvgM(serverMomentum: 0.9)
        strategy.velocity = [1, 2]
        let state = StrategyState(arrays: ["velocity": ArrayRecord(flat: [0, 0]), "control": ArrayRecord(flat: [0, 0])])
        #expect(restoreError(&strategy, state) == .incompatibleState(strategy: "FedAvgM", reason: "unexpected array 'control'"))
        #expect(strategy.velocity == [1, 2])
    }

    @Test func fedAvgMRefusesANonFiniteVelocity() throws {
        var strategy = try FedAvgM(serverMomentum: 0.9)
        let state = StrategyState(arrays: ["velocity": ArrayRecord(flat: [0, .nan])])
        #expect(restoreError(&strategy, state) == .incompatibleState(
            strategy: "FedAvgM", reason: "array 'velocity' has a non-finite value at index 1"))
        #expect(strategy.velocity.isEmpty)
    }

    @Test func adaptiveMomentsRoundTripWithTheirStepCount() throws {
        let state = StrategyState(arrays: ["first-moment": ArrayRecord(flat: [0.1, 0.2], name: "first-moment"),
                                           "second-moment": ArrayRecord(flat: [0.3, 0.4], name: "second-moment")],
                                  ints: ["steps": 4])
        var strategy = try FedYogi()
        try strategy.restore(from: state)
        #expect(strategy.moments.first == [0.1, 0.2])
        #expect(strategy.moments.second == [0.3, 0.4])
        #expect(strategy.moments.steps == 4)
        #expect(strategy.checkpointState() == state)
    }

    @Test func adaptiveMomentsOfDifferentLengthsAreRefused() throws {
        let state = StrategyState(arrays: ["first-moment": ArrayRecord(flat: [0.1, 0.2]), "second-moment": ArrayRecord(flat: [0.3])],
                                  ints: ["steps": 1])
        var strategy = try FedAdam()
        #expect(restoreError(&strategy, state) == .incompatibleState(
            strategy: "FedAdam", reason: "first moment has 2 values, second moment 1"))
        #expect(strategy.moments == AdaptiveMoments())
    }

    @Test func adaptiveMomentsWithoutAStepCountAreRefused() throws {
        let state = StrategyState(arrays: ["first-moment": ArrayRecord(flat: [0]), "second-moment": ArrayRecord(flat: [0])])
        var strategy = try FedAdagrad()
        #expect(restoreError(&strategy, state) == .incompatibleState(strategy: "FedAdagrad", reason: "integer scalar 'steps' is missing"))
    }

    @Test func adaptiveMomentsWithZeroStepsAreRefused() throws {
        let state = StrategyState(arrays: ["first-moment": ArrayRecord(flat: [0]), "second-moment": ArrayRecord(flat: [0])],
                                  ints: ["steps": 0])
        var strategy = try FedAdam()
        #expect(restoreError(&strategy, state) == .incompatibleState(
            strategy: "FedAdam", reason: "step count must be ≥ 1 when moments are stored, got 0"))
    }

    @Test func negativeSecondMomentIsRefused() throws {
        let state = StrategyState(arrays: ["first-moment": ArrayRecord(flat: [0, 0]), "second-moment": ArrayRecord(flat: [1, -1])],
                                  ints: ["steps": 2])
        var strategy = try FedAdam()
        #expect(restoreError(&strategy, state) == .incompatibleState(strategy: "FedAdam", reason: "second moment is negative at index 1"))
    }

    @Test func scaffoldRoundTripsItsControlVariate() throws {
        var source = try SCAFFOLD(nodeCount: 4)
        source.control = [0.25, -0.5, 1]
        var target = try SCAFFOLD(nodeCount: 4)
        try target.restore(from: source.checkpointState())
        #expect(target.control == [0.25, -0.5, 1])
    }

    @Test func scaffoldRefusesMomentsInsteadOfAControlVariate() throws {
        var strategy = try SCAFFOLD(nodeCount: 4)
        let state = StrategyState(arrays: ["first-moment": ArrayRecord(flat: [0])])
        #expect(restoreError(&strategy, state) == .incompatibleState(strategy: "SCAFFOLD", reason: "array 'control' is missing"))
    }

    @Test func emptyStateResetsAStatefulStrategy() throws {
        var strategy = try SCAFFOLD(nodeCount: 4)
        strategy.control = [1, 2]
        try strategy.restore(from: StrategyState())
        #expect(strategy.control.isEmpty)
    }
}
