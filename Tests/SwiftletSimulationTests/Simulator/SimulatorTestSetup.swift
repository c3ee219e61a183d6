import SwiftletFederated
import SwiftletNN
import SwiftletTensor
@testable import SwiftletSimulation

/// Small simulations over ``RuntimeTestData``: 8 clients of 30 samples, 4 per round, lossless links.
enum SimulatorTestSetup {
    typealias Data = RuntimeTestData

    /// A lossless link: 1 Mbit/s both ways, 10 ms latency, 1,000-byte frames with 0 overhead, 1 µJ per byte.
    static let link = try! PacketLink(
        name: "test-link", uplinkBitRate: 1_000_000, downlinkBitRate: 1_000_000, latency: 0.01, framePayload: 1_000,
        frameOverhead: 0, loss: 0, uplinkEnergyPerByte: 1e-6, downlinkEnergyPerByte: 1e-6, transferEnergy: 0)

    /// A device computing `flops` FLOP/s at full efficiency.
    static func device(_ name: String = "test-device", flops: Double = 1e6, availability: Availability = .always,
                       battery: Battery? = nil, memory: Int = 1 << 30) -> DeviceProfile {
        try! DeviceProfile(name: name, peakFLOPS: flops, efficiency: 1, memoryBudget: memory, memory: .dram,
                           availability: availability, battery: battery, link: link)
    }

    static func setup(devices: [DeviceProfile], rounds: Int = 3, deadline: Double = 60, workers: Int = 2,
                      onFailure: RoundFailurePolicy = .skip, minimumResults: Int? = 1) -> SimulationSetup {
        let clients = devices.enumerated().map { k, device in
            SimulatedClientSpec(node: NodeID(UInt64(k + 1)), training: .subset(Data.pooled, indices: Data.indices(client: k, of: devices.count)),
                                seed: UInt64(k), device: device)
        }
        let federation = FederationConfig(rounds: rounds, roundTimeout: .seconds(deadline), minimumResults: minimumResults,
                                          onFailure: onFailure, evaluateEvery: 0, centralEvaluateEvery: 0,
                                          availabilityTimeout: .seconds(deadline), seed: 4, pool: .serial)
        return SimulationSetup(clients: clients, makeModel: { seed in Data.model(seed: seed) }, federation: federation, workers: workers)
    }

    static func fedAvg(perRound: Int = 4, clients: Int = 8) -> FedAvg {
        FedAvg(options: StrategyOptions(
            fitSampling: SamplingPolicy(fraction: Double(perRound) / Double(clients), minimum: perRound, minimumAvailable: 1),
            fitConfig: { _ in Data.config }, initialParameters: ArrayRecord(model: Data.model())))
    }
}
