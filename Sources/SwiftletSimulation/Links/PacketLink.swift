import SwiftletTensor

/// A packet radio described by its rates, latency, framing, loss and energy per byte: BLE, NB-IoT, LTE,
/// Wi-Fi (presets in `PacketLink+Presets.swift`).
///
/// A transfer splits the payload into frames of ``payloadPerFrame`` bytes plus ``frameOverhead`` bytes of
/// headers; lost frames (probability ``loss`` each, independent) are sent again. Airtime is bytes on air at
/// the direction's bit rate, wall time adds one ``latency``, and energy is bytes on air times the
/// direction's energy per byte plus ``transferEnergy`` — the fixed cost of waking the radio and of its tail
/// (LTE's RRC tail, NB-IoT's connected-state timers), which dominates for small transfers on cellular links.
public struct PacketLink: Link, Equatable {
    public let name: String
    /// Uplink bit rate, bit/s.
    public let uplinkBitRate: Double
    /// Downlink bit rate, bit/s.
    public let downlinkBitRate: Double
    /// One-way latency added to every transfer, seconds.
    public let latency: Double
    /// Application bytes per frame.
    public let framePayload: Int
    /// Header bytes per frame.
    public let frameOverhead: Int
    /// Probability a frame is lost, in [0, 1).
    public let loss: Double
    /// Radio energy per byte on air sent, J.
    public let uplinkEnergyPerByte: Double
    /// Radio energy per byte on air received, J.
    public let downlinkEnergyPerByte: Double
    /// Fixed radio energy per transfer (setup and tail), J.
    public let transferEnergy: Double

    /// Creates a link.
    ///
    /// - Throws: ``LinkError/cannotCarryFrame(link:reason:)`` when a frame carries no payload;
    ///   ``LinkError/invalidParameter(link:name:reason:)`` for a non-positive rate or a negative latency,
    ///   overhead or energy, or a loss outside [0, 1).
    public init(name: String, uplinkBitRate: Double, downlinkBitRate: Double, latency: Double, framePayload: Int,
                frameOverhead: Int, loss: Double, uplinkEnergyPerByte: Double, downlinkEnergyPerByte: Double,
                transferEnergy: Double) throws(LinkError) {
        guard framePayload >= 1 else {
            throw .cannotCarryFrame(link: name, reason: "payload capacity per frame is \(framePayload) bytes")
        }
        for (label, rate) in [("uplink bit rate", uplinkBitRate), ("downlink bit rate", downlinkBitRate)]
        where !(rate > 0 && rate.isFinite) {
            throw .invalidParameter(link: name, name: label, reason: "must be positive, got \(rate)")
        }
        for (label, value) in [("latency", latency), ("frame overhead", Double(frameOverhead)),
                               ("uplink energy per byte", uplinkEnergyPerByte),
                               ("downlink energy per byte", downlinkEnergyPerByte), ("transfer energy", transferEnergy)]
        where !(value >= 0 && value.isFinite) {
            throw .invalidParameter(link: name, name: label, reason: "must not be negative, got \(value)")
        }
        try FrameLoss.validate(loss, link: name)
        self.name = name
        self.uplinkBitRate = uplinkBitRate
        self.downlinkBitRate = downlinkBitRate
        self.latency = latency
        self.framePayload = framePayload
        self.frameOverhead = frameOverhead
        self.loss = loss
        self.uplinkEnergyPerByte = uplinkEnergyPerByte
        self.downlinkEnergyPerByte = downlinkEnergyPerByte
        self.transferEnergy = transferEnergy
    }

    public func payloadPerFrame(_ direction: LinkDirection) -> Int { framePayload }

    public func transfer(bytes: Int, direction: LinkDirection, generator: inout SeededGenerator) -> Transfer {
        let (full, last) = frameCounts(bytes: bytes)
        let fullAttempts = Double(FrameLoss.drawAttempts(frames: full, loss: loss, generator: &generator))
        let lastAttempts = Double(FrameLoss.drawAttempts(frames: last > 0 ? 1 : 0, loss: loss, generator: &generator))
        return cost(bytes: bytes, direction: direction, fullAttempts: fullAttempts, lastAttempts: lastAttempts)
    }

    public func expectedTransfer(bytes: Int, direction: LinkDirection) -> Transfer {
        let (full, last) = frameCounts(bytes: bytes)
        let perFrame = FrameLoss.expectedAttemptsPerFrame(loss: loss)
        return cost(bytes: bytes, direction: direction, fullAttempts: Double(full) * perFrame,
                    lastAttempts: last > 0 ? perFrame : 0)
    }

    func frameCounts(bytes: Int) -> (full: Int, last: Int) {
        guard bytes > 0 else { return (0, 0) }
        let frames = (bytes + framePayload - 1) / framePayload
        return (frames - 1, bytes - (frames - 1) * framePayload)
    }

    func cost(bytes: Int, direction: LinkDirection, fullAttempts: Double, lastAttempts: Double) -> Transfer {
        let (full, last) = frameCounts(bytes: bytes)
        guard last > 0 else { return .empty(direction) }
        let frames = full + 1
        let onAir = fullAttempts * Double(framePayload + frameOverhead) + lastAttempts * Double(last + frameOverhead)
        let uplink = direction == .uplink
        let airtime = onAir * 8 / (uplink ? uplinkBitRate : downlinkBitRate)
        let energy = onAir * (uplink ? uplinkEnergyPerByte : downlinkEnergyPerByte) + transferEnergy
        return Transfer(direction: direction, payloadBytes: bytes, frames: frames,
                        retransmissions: fullAttempts + lastAttempts - Double(frames), bytesOnAir: onAir,
                        transmitTime: uplink ? airtime : 0, receiveTime: uplink ? 0 : airtime,
                        wallTime: latency + airtime, backoffAfter: 0, energy: energy)
    }
}
