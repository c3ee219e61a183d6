import SwiftletFederated

/// What became of one sampled device in one simulated round.
public enum DeviceOutcome: String, Sendable, Equatable, Codable, CaseIterable {
    /// Its update arrived before the deadline and passed validation.
    case accepted
    /// Its update arrived before the deadline but validation refused it.
    case rejected
    /// It could not finish before the round's deadline (download + compute + upload) and was dropped.
    case straggler
    /// Its online window closed before it finished.
    case offline
    /// Its battery ran out during the round.
    case batteryDepleted = "battery-depleted"
    /// Its client failed (an error while training).
    case failed
}

/// One sampled device's part of a simulated round: what it did, how long each phase took, what it sent and
/// what it spent.
///
/// Times are simulated seconds from the round's start. A device that stopped early (a straggler cut off at
/// the deadline, a device that went offline or ran flat) is charged only for what it did before it stopped:
/// an unfinished phase costs its elapsed fraction, and bytes count only when a transfer completed.
public struct DeviceRoundRecord: Sendable, Equatable, Codable {
    /// The node.
    public var node: NodeID
    /// The device profile's name.
    public var device: String
    /// The link's name.
    public var link: String
    /// What became of it.
    public var outcome: DeviceOutcome
    /// Seconds receiving the global model (duty-cycle waits included).
    public var downloadSeconds: Double
    /// Seconds training.
    public var computeSeconds: Double
    /// Seconds sending the update (duty-cycle waits included).
    public var uploadSeconds: Double
    /// Seconds from the round's start until the device finished or stopped.
    public var finishSeconds: Double
    /// Encoded bytes of the model received (0 if the download did not complete).
    public var downloadBytes: Int
    /// Encoded bytes of the update sent (0 if the upload did not complete).
    public var uploadBytes: Int
    /// Bytes on air both ways: payload, framing, retransmissions.
    public var bytesOnAir: Double
    /// Training FLOPs performed.
    public var flops: Double
    /// Joules of computation.
    public var computeEnergy: Double
    /// Joules of radio receiving the model.
    public var downlinkEnergy: Double
    /// Joules of radio sending the update.
    public var uplinkEnergy: Double
    /// The battery's charge after the round, as a fraction of capacity (`nil`: mains powered).
    public var batteryLevel: Double?

    /// Creates a record.
    public init(node: NodeID, device: String, link: String, outcome: DeviceOutcome, downloadSeconds: Double,
                computeSeconds: Double, uploadSeconds: Double, finishSeconds: Double, downloadBytes: Int,
                uploadBytes: Int, bytesOnAir: Double, flops: Double, computeEnergy: Double, downlinkEnergy: Double,
                uplinkEnergy: Double, batteryLevel: Double?) {
        self.node = node
        self.device = device
        self.link = link
        self.outcome = outcome
        self.downloadSeconds = downloadSeconds
        self.computeSeconds = computeSeconds
        self.uploadSeconds = uploadSeconds
        self.finishSeconds = finishSeconds
        self.downloadBytes = downloadBytes
        self.uploadBytes = uploadBytes
        self.bytesOnAir = bytesOnAir
        self.flops = flops
        self.computeEnergy = computeEnergy
        self.downlinkEnergy = downlinkEnergy
        self.uplinkEnergy = uplinkEnergy
        self.batteryLevel = batteryLevel
    }

    /// Radio energy both ways, J.
    public var communicationEnergy: Double { downlinkEnergy + uplinkEnergy }
    /// Everything the device spent this round, J.
    public var totalEnergy: Double { computeEnergy + communicationEnergy }
}
