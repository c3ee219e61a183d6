import Testing
import SwiftletNN
@testable import SwiftletSimulation

/// Computation energy (Horowitz 2014) versus radio energy, per device and per round.
@Suite struct EnergyTests {
    @Test func flopCostsTheMeanOfAnAddAndAMultiply() {
        #expect(abs(OperationEnergy.horowitz45nm.perFLOP - 2.3e-12) < 1e-24)
    }

    @Test func computationEnergyAddsFLOPsAndMemoryWords() {
        // 1,000 FLOPs · 2.3 pJ + 800 bytes = 200 words · 5 pJ (SRAM) or 640 pJ (DRAM).
        let cost = ComputeCost(flops: 1_000, bytesRead: 400, bytesWritten: 400)
        let energies = OperationEnergy.horowitz45nm
        #expect(abs(energies.energy(of: cost, memory: .sram) - 3.3e-9) < 1e-21)
        #expect(abs(energies.energy(of: cost, memory: .dram) - 130.3e-9) < 1e-20)
    }

    @Test func deviceRoundSumsDownloadComputeAndUpload() throws {
        // Cortex-M7 over LoRaWAN DR5: 242 bytes each way, 10 steps of 43.2 MFLOP → 1 s of compute.
        let device = DeviceProfile.cortexM7
        let step = ComputeCost(flops: 43_200_000, bytesRead: 4_000, bytesWritten: 4_000)
        let round = device.expectedRound(downloadBytes: 242, step: step, steps: 10, uploadBytes: 242)
        #expect(abs(round.computeTime - 1) < 1e-12)
        #expect(round.training.flops == 432_000_000)
        #expect(abs(round.computeEnergy - (432_000_000 * 2.3e-12 + 20_000 * 5e-12)) < 1e-15)
        // Download: opener 46.336 ms, 1 s RX1 delay, 394.496 ms frame; upload 399.616 ms.
        let expected = 0.046336 + 1 + 0.394496 + 1 + 0.399616
        #expect(abs(round.duration - expected) < 1e-9)
        #expect(round.meets(deadline: 3))
        #expect(!round.meets(deadline: 2.8))
    }

    @Test func energyReportSplitsComputationAndCommunication() {
        let report = EnergyReport(round: 3, devices: [
            DeviceEnergy(device: "a", computation: 1, downlink: 2, uplink: 1),
            DeviceEnergy(device: "b", computation: 3, downlink: 0, uplink: 1),
        ])
        #expect(report.computation == 4)
        #expect(report.communication == 4)
        #expect(report.total == 8)
        #expect(report.computationShare == 0.5)
        #expect(report.devices[0].computationShare == 0.25)
    }

    @Test func loRaRadioDominatesMicrocontrollerTrainingEnergy() throws {
        // Logistic regression (650 parameters, 2,600-byte update) for one epoch of 60 samples at batch 10:
        // a few µJ of arithmetic against ≈ 0.5 J of LoRa airtime each way.
        let model = try Sequential(preset: .logreg)
        let step = model.trainingCost(batchSize: 10).total
        let round = DeviceProfile.cortexM7.expectedRound(downloadBytes: 2_600, step: step, steps: 6, uploadBytes: 2_600)
        let energy = round.energy(device: "mcu-0")
        #expect(energy.computationShare < 0.001)
        #expect(energy.communication > 0.4)
    }
}
