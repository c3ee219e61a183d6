import Testing
import SwiftletTensor
@testable import SwiftletFederated

/// Every strategy, end to end, gives bit-identical models and histories whatever the thread count of the
/// aggregation pool and of the clients' models.
@Suite struct DeterminismIntegrationTests {
    typealias Problem = FederatedProblem

    /// Every strategy the core ships, with settings that suit twelve nodes.
    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case fedAvg, fedAvgM, fedProx, fedAdam, fedYogi, fedAdagrad, qFedAvg, scaffold
        case median, trimmedMean, krum, multiKrum, bulyan
        var testDescription: String { rawValue }

        func run(pool: ComputePool) async throws -> FederationResult {
            let options = Problem.options(minimum: 11)
            let clients = Problem.honest(1...12, pool: pool)
            let config = Problem.config(rounds: 3, evaluateEvery: 1, pool: pool)
            func go(_ strategy: some Strategy) async throws -> FederationResult {
                try await Problem.run(strategy, rounds: 3, clients: clients, config: config)
            }
            switch self {
            case .fedAvg: return try await go(FedAvg(options: options))
            case .fedAvgM: return try await go(try FedAvgM(serverMomentum: 0.5, options: options))
            case .fedProx: return try await go(try FedProx(proximalMu: 0.5, options: options))
            case .fedAdam: return try await go(try FedAdam(learningRate: 0.05, tau: 1e-3, options: options))
            case .fedYogi: return try await go(try FedYogi(learningRate: 0.05, tau: 1e-3, options: options))
            case .fedAdagrad: return try await go(try FedAdagrad(learningRate: 0.1, tau: 1e-3, options: options))
            case .qFedAvg: return try await go(try QFedAvg(options: options))
            case .scaffold: return try await go(try SCAFFOLD(nodeCount: 12, options: options))
            case .median: return try await go(FedMedian(options: options))
            case .trimmedMean: return try await go(FedTrimmedAvg(options: options))
            case .krum: return try await go(Krum(byzantineCount: 2, options: options))
            case .multiKrum: return try await go(Krum(byzantineCount: 2, selectionCount: 4, options: options))
            case .bulyan: return try await go(Bulyan(byzantineCount: 2, options: options))
            }
        }
    }

    @Test(arguments: Kind.allCases)
    func threadCountDoesNotChangeTheRun(_ kind: Kind) async throws {
        let serial = try await kind.run(pool: .serial)
        let parallel = try await kind.run(pool: ComputePool(threads: 2))
        #expect(serial.stopReason == .roundsCompleted(3))
        #expect(serial.history.completedRounds == 3)
        #expect(serial.parameters != Problem.initialParameters)
        #expect(serial.parameters == parallel.parameters)
        #expect(serial.history == parallel.history)
    }

    @Test(arguments: Kind.allCases)
    func sameSeedRepeatsTheRunExactly(_ kind: Kind) async throws {
        let first = try await kind.run(pool: .serial)
        let second = try await kind.run(pool: .serial)
        #expect(first.parameters == second.parameters)
        #expect(first.history == second.history)
    }
}
