import SwiftletFederated
import SwiftletNN
import SwiftletTensor
import Testing
@testable import SwiftletSimulation

/// What the simulator counts: bytes on the wire, simulated time budgets, federated evaluation, and how the
/// engine's verdicts are merged into the devices' records.
@Suite struct SimulatorAccountingTests {
    typealias T = SimulatorTestSetup

    /// The test model: Dense 4→8 (40 parameters), ReLU, Dense 8→3 (27): 67 float32 parameters, 268 bytes.
    static let modelBytes = 67 * 4

    @Test func bytesOnTheWireAreTheEncodedModelDownAndTheEncodedUpdateUp() async throws {
        let result = try await Simulator.run(T.fedAvg(), setup: T.setup(devices: (0..<8).map { T.device("d\($0)") }, rounds: 2))
        for record in result.records where record.round.round > 0 {
            for device in record.devices {
                #expect(device.downloadBytes == Self.modelBytes)
                #expect(device.uploadBytes == Self.modelBytes)
                // The lossless 1,000-byte-frame test link adds no framing: on air is exactly both payloads.
                #expect(device.bytesOnAir == Double(2 * Self.modelBytes))
                // 1 µJ per byte each way.
                #expect(abs(device.downlinkEnergy - Double(Self.modelBytes) * 1e-6) < 1e-15)
            }
            #expect(record.uploadBytes == 4 * Self.modelBytes)
        }
    }

    @Test func scaffoldsControlVariateDeltaTravelsUpBesideTheModel() async throws {
        let options = StrategyOptions(fitSampling: SamplingPolicy(fraction: 0.5, minimum: 4, minimumAvailable: 1),
                                      fitConfig: { _ in T.Data.config }, initialParameters: ArrayRecord(model: T.Data.model()))
        let strategy = try SCAFFOLD(nodeCount: 8, options: options)
        let result = try await Simulator.run(strategy, setup: T.setup(devices: (0..<8).map { T.device("d\($0)") }, rounds: 2))
        let rounds = result.records.filter { $0.round.round > 0 }
        #expect(rounds.allSatisfy { $0.round.status == .completed && $0.count(.accepted) == 4 })
        for device in rounds.flatMap(\.devices) {
            // Down: the model and the server's control variate; up: the model and the client's Δc.
            #expect(device.downloadBytes == 2 * Self.modelBytes)
            #expect(device.uploadBytes == 2 * Self.modelBytes)
        }
    }

    @Test func theTimeBudgetIsSpentInSimulatedTime() async throws {
        var setup = T.setup(devices: (0..<8).map { T.device("d\($0)") }, rounds: 50)
        setup.federation.timeBudget = .milliseconds(200)
        let result = try await Simulator.run(T.fedAvg(), setup: setup)
        let rounds = result.records.filter { $0.round.round > 0 }
        guard case .timeBudgetExhausted(let round) = result.stopReason else {
            Issue.record("expected the time budget to stop the run, got \(result.stopReason)")
            return
        }
        #expect(round == rounds.count)
        #expect(rounds.last!.simulatedEnd >= 0.2)
        #expect(rounds.dropLast().last.map { $0.simulatedEnd < 0.2 } ?? true)
    }

    @Test func federatedEvaluationRunsOnTheSimulatedDevices() async throws {
        var setup = T.setup(devices: (0..<8).map { T.device("d\($0)") }, rounds: 2)
        setup.federation.evaluateEvery = 1
        let strategy = FedAvg(options: StrategyOptions(
            fitSampling: SamplingPolicy(fraction: 0.5, minimum: 4, minimumAvailable: 1),
            evaluateSampling: SamplingPolicy(fraction: 0.25, minimum: 2, minimumAvailable: 1),
            fitConfig: { _ in T.Data.config }, initialParameters: ArrayRecord(model: T.Data.model())))
        let result = try await Simulator.run(strategy, setup: setup)
        let rounds = result.records.filter { $0.round.round > 0 }
        #expect(rounds.count == 2)
        #expect(rounds.allSatisfy { $0.round.federatedEvaluation.map { $0.loss.isFinite } ?? false })
    }

    @Test func validationRefusalsTurnAcceptedDevicesIntoRejectedOnes() {
        var round = RoundRecord(round: 3)
        round.sampled = [5, 2, 9]
        round.accepted = [5]
        round.rejected = [NodeFailure(node: 2, kind: .rejected, reason: "non-finite value")]
        func device(_ node: NodeID, _ outcome: DeviceOutcome) -> DeviceRoundRecord {
            DeviceRoundRecord(node: node, device: "d", link: "l", outcome: outcome, downloadSeconds: 0, computeSeconds: 0,
                              uploadSeconds: 0, finishSeconds: 1, downloadBytes: 0, uploadBytes: 0, bytesOnAir: 0, flops: 0,
                              computeEnergy: 0, downlinkEnergy: 0, uplinkEnergy: 0, batteryLevel: nil)
        }
        let ledger: [NodeID: DeviceRoundRecord] = [2: device(2, .accepted), 9: device(9, .straggler), 5: device(5, .accepted)]
        let merged = Simulator.devices(of: round, ledger: ledger)
        #expect(merged.map(\.node) == [5, 2, 9])
        #expect(merged.map(\.outcome) == [.accepted, .rejected, .straggler])
    }

    @Test func aModelTooBigForADeviceFailsItBeforeTraining() async throws {
        var devices = (0..<4).map { T.device("d\($0)") }
        devices[2] = T.device("tiny", memory: 64)
        let result = try await Simulator.run(T.fedAvg(perRound: 4, clients: 4), setup: T.setup(devices: devices, rounds: 1))
        let record = try #require(result.records.last)
        let tiny = try #require(record.devices.first { $0.node == 3 })
        #expect(tiny.outcome == .failed)
        #expect(tiny.flops == 0 && tiny.uploadBytes == 0)
        #expect(record.round.failed.map(\.node) == [3])
        #expect(record.round.failed.first?.reason.contains("cannot train") == true)
    }
}
