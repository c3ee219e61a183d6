import SwiftletNN
import SwiftletTensor

/// One device's part of a federated round in simulated time and energy: receive the global model, train,
/// send the update.
///
/// Duration is `download.wallTime + computeTime + upload.wallTime` (duty-cycle waits included in the
/// transfers); a device whose duration exceeds the round deadline is a straggler and is dropped. Compute
/// time is the training FLOPs over the device's effective FLOP/s; computation energy is those FLOPs and the
/// training's memory traffic priced by ``OperationEnergy``.
public struct DeviceRound: Sendable, Equatable {
    /// Receiving the global model.
    public var download: Transfer
    /// Local training: FLOPs and memory traffic.
    public var training: ComputeCost
    /// Seconds of local training.
    public var computeTime: Double
    /// Joules of local training.
    public var computeEnergy: Double
    /// Sending the update.
    public var upload: Transfer

    /// Creates a record.
    public init(download: Transfer, training: ComputeCost, computeTime: Double, computeEnergy: Double, upload: Transfer) {
        self.download = download
        self.training = training
        self.computeTime = computeTime
        self.computeEnergy = computeEnergy
        self.upload = upload
    }

    /// Seconds from the start of the round until the update has arrived.
    public var duration: Double { download.wallTime + computeTime + upload.wallTime }

    /// Whether the update arrives within `deadline` seconds.
    public func meets(deadline: Double) -> Bool { duration <= deadline }

    /// The energy split, under `device`'s name.
    public func energy(device: String) -> DeviceEnergy {
        DeviceEnergy(device: device, computation: computeEnergy, downlink: download.energy, uplink: upload.energy)
    }
}

extension DeviceProfile {
    /// The expected cost of a round on this device: download `downloadBytes` (the encoded global model),
    /// run `steps` training steps each costing `step` (``SwiftletNN/Sequential/trainingCost(batchSize:)``'s
    /// total), upload `uploadBytes` (the encoded update). Transfers are expected values over losses.
    public func expectedRound(downloadBytes: Int, step: ComputeCost, steps: Int, uploadBytes: Int,
                              energies: OperationEnergy = .horowitz45nm) -> DeviceRound {
        round(download: link.expectedTransfer(bytes: downloadBytes, direction: .downlink), step: step, steps: steps,
              upload: link.expectedTransfer(bytes: uploadBytes, direction: .uplink), energies: energies)
    }

    /// As ``expectedRound(downloadBytes:step:steps:uploadBytes:energies:)``, with frame losses drawn from
    /// `generator` (downlink first, then uplink).
    public func round(downloadBytes: Int, step: ComputeCost, steps: Int, uploadBytes: Int,
                      energies: OperationEnergy = .horowitz45nm, generator: inout SeededGenerator) -> DeviceRound {
        let download = link.transfer(bytes: downloadBytes, direction: .downlink, generator: &generator)
        let upload = link.transfer(bytes: uploadBytes, direction: .uplink, generator: &generator)
        return round(download: download, step: step, steps: steps, upload: upload, energies: energies)
    }

    func round(download: Transfer, step: ComputeCost, steps: Int, upload: Transfer, energies: OperationEnergy) -> DeviceRound {
        let training = step * steps
        return DeviceRound(download: download, training: training, computeTime: computeTime(flops: training.flops),
                           computeEnergy: energies.energy(of: training, memory: memory), upload: upload)
    }
}
