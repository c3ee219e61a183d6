import SwiftletFederated

/// The pure arithmetic of one device's round: where on the simulated timeline it downloads, computes and
/// uploads, whether the deadline, its online window or its battery stops it first, and what it spent by then.
///
/// Phases run back to back from the round's start: the download, then training, then the upload — which
/// may not begin before the download's duty-cycle off-time has passed (a LoRaWAN device cannot transmit
/// earlier), so the upload starts at `download + max(compute, download.backoffAfter)`. Energy accrues
/// linearly within a phase. Three things can stop a device before its update arrives:
/// - its battery empties (``DeviceOutcome/batteryDepleted``),
/// - its online window closes (``DeviceOutcome/offline``),
/// - the round's deadline passes (``DeviceOutcome/straggler``; arriving exactly at the deadline is late).
///
/// The earliest wins; on a tie battery beats offline beats deadline. A stopped device is charged for the
/// time and energy up to the stop, and bytes only for transfers it completed.
public struct DeviceTimeline: Sendable, Equatable {
    /// The download.
    public var download: Transfer
    /// Training seconds.
    public var computeSeconds: Double
    /// Training joules.
    public var computeEnergy: Double
    /// Training FLOPs.
    public var flops: Double
    /// The upload.
    public var upload: Transfer

    /// Creates a timeline.
    public init(download: Transfer, computeSeconds: Double, computeEnergy: Double, flops: Double, upload: Transfer) {
        self.download = download
        self.computeSeconds = computeSeconds
        self.computeEnergy = computeEnergy
        self.flops = flops
        self.upload = upload
    }

    /// Seconds from the round's start until training ends.
    public var trainingEnd: Double { download.wallTime + computeSeconds }
    /// Seconds from the round's start until the upload begins.
    public var uploadStart: Double { download.wallTime + max(computeSeconds, download.backoffAfter) }
    /// Seconds from the round's start until the update has arrived.
    public var arrival: Double { uploadStart + upload.wallTime }

    /// How the round ends for the device.
    public struct Ending: Sendable, Equatable {
        /// `nil` when the update arrives in time; otherwise why the device stopped.
        public var stop: DeviceOutcome?
        /// Seconds from the round's start until the update arrived or the device stopped.
        public var time: Double
        /// Seconds spent downloading, training and uploading until then.
        public var downloadSeconds: Double, computeSeconds: Double, uploadSeconds: Double
        /// Joules spent per phase until then.
        public var downlinkEnergy: Double, computeEnergy: Double, uplinkEnergy: Double
        /// FLOPs performed until then.
        public var flops: Double
        /// Payload bytes of completed transfers.
        public var downloadBytes: Int, uploadBytes: Int
        /// Bytes on air until then (pro rata in an unfinished transfer).
        public var bytesOnAir: Double
        /// Everything spent, J.
        public var energy: Double { downlinkEnergy + computeEnergy + uplinkEnergy }
        /// Whether the device finished training (it may still have stopped during the upload).
        public var trained: Bool
    }

    /// Plays the round out against a `deadline` (seconds from the round's start), the end of the device's
    /// online window `onlineFor` seconds after the start (`.infinity`: stays online), and `battery` joules
    /// left (`nil`: mains powered).
    public func ending(deadline: Double, onlineFor: Double = .infinity, battery: Double? = nil) -> Ending {
        // Phases in time order: (start, duration, energy); the gap between training and upload spends nothing.
        let phases: [(start: Double, duration: Double, energy: Double)] = [
            (0, download.wallTime, download.energy),
            (download.wallTime, computeSeconds, computeEnergy),
            (uploadStart, upload.wallTime, upload.energy),
        ]
        var batteryStop = Double.infinity
        if let battery {
            var used = 0.0
            for phase in phases {
                if used + phase.energy >= battery, phase.energy > 0 {
                    let fraction = max(0, battery - used) / phase.energy
                    batteryStop = phase.start + fraction * phase.duration
                    break
                }
                used += phase.energy
            }
        }
        let end = arrival
        var stop: DeviceOutcome?
        var time = end
        if batteryStop <= end, batteryStop <= onlineFor, batteryStop <= deadline {
            (stop, time) = (.batteryDepleted, batteryStop)
        } else if onlineFor <= end, onlineFor <= deadline {
            (stop, time) = (.offline, onlineFor)
        } else if deadline <= end {
            (stop, time) = (.straggler, deadline)
        }
        func portion(_ index: Int) -> Double {
            let phase = phases[index]
            guard phase.duration > 0 else { return time >= phase.start ? 1 : 0 }
            return min(1, max(0, (time - phase.start) / phase.duration))
        }
        let (d, c, u) = (portion(0), portion(1), portion(2))
        let downloaded = stop == nil || time >= download.wallTime
        return Ending(
            stop: stop, time: time,
            downloadSeconds: d * download.wallTime, computeSeconds: c * computeSeconds, uploadSeconds: u * upload.wallTime,
            downlinkEnergy: d * download.energy, computeEnergy: c * computeEnergy, uplinkEnergy: u * upload.energy,
            flops: c * flops,
            downloadBytes: downloaded ? download.payloadBytes : 0, uploadBytes: stop == nil ? upload.payloadBytes : 0,
            bytesOnAir: d * download.bytesOnAir + u * upload.bytesOnAir,
            trained: stop == nil || time >= trainingEnd)
    }
}
