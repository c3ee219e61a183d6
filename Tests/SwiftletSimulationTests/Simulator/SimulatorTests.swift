import SwiftletFederated
import SwiftletNN
import SwiftletTensor
import Testing
@testable import SwiftletSimulation

@Suite struct SimulatorTests {
    typealias T = SimulatorTestSetup

    @Test func roundLastsAsLongAsItsSlowestAcceptedDevice() async throws {
        let devices = (0..<8).map { T.device("d\($0)", flops: 1e6 * Double($0 + 1)) }
        let result = try await Simulator.run(T.fedAvg(), setup: T.setup(devices: devices))
        let rounds = result.records.filter { $0.round.round > 0 }
        #expect(rounds.count == 3)
        for record in rounds {
            #expect(record.devices.count == 4)
            #expect(record.devices.allSatisfy { $0.outcome == .accepted })
            let slowest = record.devices.map(\.finishSeconds).max()!
            #expect(abs(record.simulatedDuration - slowest) < 1e-9)
        }
        for (previous, next) in zip(rounds, rounds.dropFirst()) {
            #expect(abs(next.simulatedStart - previous.simulatedEnd) < 1e-9)
        }
    }
}

extension SimulatorTests {
    @Test func devicesThatCannotMakeTheDeadlineAreDroppedWithoutTraining() async throws {
        // Nodes 5–8 compute 1 FLOP/s: their training alone outlasts the 60 s deadline.
        let devices = (0..<8).map { T.device("d\($0)", flops: $0 < 4 ? 1e7 : 1) }
        let result = try await Simulator.run(T.fedAvg(), setup: T.setup(devices: devices))
        let rounds = result.records.filter { $0.round.round > 0 }
        #expect(rounds.contains { $0.count(.straggler) > 0 })
        for record in rounds {
            let stragglers = record.devices.filter { $0.outcome == .straggler }
            #expect(Set(stragglers.map(\.node)) == Set(record.round.timedOut))
            #expect(Set(record.round.accepted) == Set(record.devices.filter { $0.outcome == .accepted }.map(\.node)))
            for straggler in stragglers {
                #expect(straggler.node.rawValue > 4)
                #expect(straggler.finishSeconds == 60)
                #expect(abs(straggler.downloadSeconds + straggler.computeSeconds - 60) < 1e-9)
                #expect(straggler.uploadBytes == 0 && straggler.uplinkEnergy == 0)
            }
            // The server waits for the deadline whenever a sampled device never reports.
            #expect(abs(record.simulatedDuration - (stragglers.isEmpty ? record.devices.map(\.finishSeconds).max()! : 60)) < 1e-9)
        }
    }

    @Test func aSeedFixesTheHistoryWhateverTheWorkerCount() async throws {
        let lossy = try PacketLink(name: "lossy", uplinkBitRate: 50_000, downlinkBitRate: 200_000, latency: 0.05, framePayload: 40,
                                   frameOverhead: 13, loss: 0.2, uplinkEnergyPerByte: 2e-6, downlinkEnergyPerByte: 1e-6, transferEnergy: 0.01)
        let devices = (0..<8).map { k in
            try! DeviceProfile(name: "d\(k)", peakFLOPS: 2e4 * Double(k + 1), efficiency: 0.5, memoryBudget: 1 << 30, memory: .sram,
                               availability: .probability(0.8), link: lossy)
        }
        let one = try await Simulator.run(T.fedAvg(), setup: T.setup(devices: devices, rounds: 4, deadline: 1, workers: 1))
        let two = try await Simulator.run(T.fedAvg(), setup: T.setup(devices: devices, rounds: 4, deadline: 1, workers: 2))
        #expect(one.records == two.records)
        #expect(one.parameters == two.parameters)
        #expect(one.records.contains { $0.count(.straggler) > 0 })
        #expect(one.records.contains { $0.count(.accepted) > 0 })
    }

    @Test func aDeviceWhoseBatteryRunsOutStopsAndIsNeverSampledAgain() async throws {
        // The 67-parameter model is 268 bytes on the downlink: 268 µJ, more than node 1's 100 µJ.
        var devices = (0..<4).map { T.device("d\($0)") }
        devices[0] = T.device("flat", battery: try Battery(capacity: 100e-6))
        let result = try await Simulator.run(T.fedAvg(perRound: 4, clients: 4), setup: T.setup(devices: devices, rounds: 3))
        let rounds = result.records.filter { $0.round.round > 0 }
        let first = try #require(rounds.first?.devices.first { $0.node == 1 })
        #expect(first.outcome == .batteryDepleted)
        #expect(first.batteryLevel == 0)
        #expect(abs(first.downlinkEnergy - 100e-6) < 1e-12)
        #expect(first.downloadBytes == 0)
        for record in rounds.dropFirst() { #expect(!record.round.sampled.contains(1)) }
    }

    @Test func aDeviceWhoseOnlineWindowClosesMidRoundIsDroppedAsOffline() async throws {
        var devices = (0..<4).map { T.device("d\($0)") }
        devices[1] = T.device("brief", availability: .trace([OnlineWindow(start: 0, duration: 0.005)], period: nil))
        let result = try await Simulator.run(T.fedAvg(perRound: 4, clients: 4), setup: T.setup(devices: devices, rounds: 2))
        let rounds = result.records.filter { $0.round.round > 0 }
        let brief = try #require(rounds.first?.devices.first { $0.node == 2 })
        #expect(brief.outcome == .offline)
        #expect(brief.finishSeconds == 0.005)
        #expect(rounds.first?.round.timedOut == [2])
        #expect(rounds.first?.simulatedDuration == 60)
        #expect(!rounds[1].round.sampled.contains(2))
    }
}

extension SimulatorTests {
    @Test func aRoundWithTooFewDevicesOnlineWaitsOneDeadlineOfSimulatedTimeThenFails() async throws {
        let devices = (0..<4).map { T.device("d\($0)", availability: .probability(0)) }
        let result = try await Simulator.run(T.fedAvg(perRound: 4, clients: 4), setup: T.setup(devices: devices, rounds: 2))
        let rounds = result.records.filter { $0.round.round > 0 }
        #expect(rounds.map(\.round.status) == [.failed, .failed])
        #expect(rounds.map(\.simulatedStart) == [0, 60])
        #expect(rounds.map(\.simulatedDuration) == [60, 60])
        #expect(rounds.allSatisfy { $0.devices.isEmpty && $0.round.sampled.isEmpty })
        #expect(result.stopReason == .roundsCompleted(2))
    }
}
