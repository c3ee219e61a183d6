import Testing
@testable import SwiftletFederated

@Suite struct FedProxTests {
    typealias H = AveragingHarness

    @Test func proximalMuKeyIsTheClientsKey() {
        #expect(FedProx.proximalMuKey == "proximal-mu")
    }

    @Test func everyFitInstructionCarriesProximalMu() throws {
        let strategy = try FedProx(proximalMu: 0.01)
        let instructions = strategy.configureFit(round: 1, parameters: H.record([1, 2]), nodes: [1, 2, 3])
        #expect(instructions.count == 3)
        for instruction in instructions.values {
            #expect(try instruction.config.double("proximal-mu") == 0.01)
        }
    }

    @Test func proximalMuOverridesTheOptionsConfigAndKeepsItsOtherKeys() throws {
        let options = StrategyOptions(fitConfig: { _ in ["proximal-mu": 5.0, "local-epochs": 2] })
        let strategy = try FedProx(proximalMu: 0.1, options: options)
        let config = try #require(strategy.configureFit(round: 1, parameters: H.record([1]), nodes: [7])[7]).config
        #expect(config["proximal-mu"] == .double(0.1))
        #expect(config["local-epochs"] == .int(2))
    }

    @Test func aggregatesTheExampleWeightedMean() throws {
        var strategy = try FedProx(proximalMu: 0.1)
        // (1·[0, 4] + 3·[4, 0]) / 4 = [3, 1].
        let x = try H.round(&strategy, global: [9, 9], updates: [H.update(1, [0, 4], examples: 1), H.update(2, [4, 0], examples: 3)])
        #expect(x == [3, 1])
    }

    @Test func negativeProximalMuIsRejected() {
        #expect(throws: AggregationError.invalidConfiguration(strategy: "FedProx", reason: "proximal mu must be a finite number ≥ 0, got -1.0")) {
            _ = try FedProx(proximalMu: -1)
        }
    }
}
