import Testing
@testable import SwiftletFleet
import SwiftletData
import SwiftletSimulation

@Suite struct FleetRunPlanTests {
    static func config(evaluateEvery: Int) throws -> SimulationConfig {
        try SimulationConfig(toml: """
            seed = 5
            rounds = 4
            [data]
            dataset = "digits"
            [partition]
            clients = 8
            [server]
            per-round = 3
            evaluate-every = \(evaluateEvery)
            [model]
            preset = "mlp"
            """)
    }

    /// Whether `value`, or anything it holds within `depth` levels, is of a type whose name contains `name`.
    /// Large collections (a dataset's values) are not walked element by element.
    static func holds(_ value: Any, typeNamed name: String, depth: Int = 10) -> Bool {
        if String(reflecting: type(of: value)).contains(name) { return true }
        guard depth > 0 else { return false }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .collection || mirror.displayStyle == .set, mirror.children.count > 64 { return false }
        return mirror.children.contains { holds($0.value, typeNamed: name, depth: depth - 1) }
    }

    @Test func keepsTheExperimentsStrategyEngineConfigAndModelSize() throws {
        let config = try Self.config(evaluateEvery: 0)
        let experiment = try Experiment.build(config)
        let plan = try FleetRunPlan(config: config)
        #expect(plan.parameterCount == experiment.parameterCount)
        #expect(plan.description == experiment.description)
        #expect(plan.federation.rounds == 4 && plan.federation.seed == experiment.setup.federation.seed)
        #expect(String(describing: type(of: plan.strategy)) == String(describing: type(of: experiment.strategy)))
    }

    @Test func holdsNoClientDataWithoutCentralEvaluation() throws {
        let experiment = try Experiment.build(try Self.config(evaluateEvery: 0))
        // The experiment holds every client's share; the plan made from it holds no dataset at all.
        #expect(Self.holds(experiment, typeNamed: "LabeledDataset"))
        #expect(!Self.holds(FleetRunPlan(experiment), typeNamed: "LabeledDataset"))
        #expect(!Self.holds(FleetRunPlan(experiment), typeNamed: "SimulatedClientSpec"))
    }

    @Test func stillEvaluatesCentrallyOnTheTestSetWhenAskedTo() async throws {
        let config = try Self.config(evaluateEvery: 1)
        let plan = try FleetRunPlan(config: config)
        #expect(!Self.holds(plan, typeNamed: "SimulatedClientSpec"))
        // The initial model on the digits test set: the plan's strategy answers with a real evaluation.
        var strategy = plan.strategy
        let initialized = strategy.initializeParameters()
        let initial = try #require(initialized)
        let evaluation = try #require(try await plan.strategy.evaluate(round: 0, parameters: initial))
        let accuracy = try #require(evaluation.metrics["accuracy"]?.scalar)
        #expect(evaluation.loss > 0 && (0...1).contains(accuracy))
    }
}
