/// A LoRaWAN Class A link at a fixed data rate: frames, time on air, duty-cycle waits and radio energy.
///
/// Uplinks split the payload into frames of at most ``payloadPerFrame(_:)`` application bytes, each with
/// ``frameOverhead`` bytes of LoRaWAN framing (MHDR, FHDR, FPort, MIC: 13 bytes), and time on air per
/// Semtech AN1200.13 (``LoRaTimeOnAir``). Under a duty cycle `dc` every transmission of `T` seconds is
/// followed by `T·(1/dc − 1)` seconds of silence (ETSI EN 300 220), so a multi-frame transfer lasts about
/// `1/dc` times its airtime. Where a dwell time applies (US915, 400 ms) a frame's payload is cut until the
/// frame fits it.
///
/// Class A downlinks (LoRaWAN 1.0.4 §3.3): the network may only answer in the RX1 window that opens
/// ``receiveDelay`` (1 s) after one of the device's uplinks. A downlink of `N` frames therefore needs `N`
/// uplinks to open windows; this model sends an empty uplink (only the frame overhead) before each downlink
/// frame, waits the RX1 delay, then receives the frame (RX1 data rate per the region, CRC off). Between
/// openers the device honours its duty cycle; the gateway's own duty cycle is not modelled. Losses are per
/// frame and independent; a lost frame is sent again (a lost downlink needs another opener).
/// Not modelled: acknowledgements of confirmed uplinks, and the receive windows an uplink opens when no
/// downlink follows (both a few milliseconds of receive each).
public struct LoRaWANLink: Link, Equatable {
    /// The regional plan.
    public let region: LoRaRegion
    /// The uplink data rate.
    public let dataRate: LoRaDataRate
    /// The RX1 downlink data rate answering ``dataRate``.
    public let downlinkDataRate: LoRaDataRate
    /// LoRaWAN framing bytes added to each frame's application payload (13).
    public let frameOverhead: Int
    /// The transmit duty cycle in (0, 1]; 1 means none.
    public let dutyCycle: Double
    /// Seconds from the end of an uplink to the RX1 window (1 s by default, RECEIVE_DELAY1).
    public let receiveDelay: Double
    /// Probability that a frame is lost, in [0, 1).
    public let loss: Double
    /// The radio's electrical draw.
    public let radio: RadioPower
    let uplinkPayload: Int
    let downlinkPayload: Int

    /// Creates a link at data rate `dataRate` of `region`.
    ///
    /// - Parameters:
    ///   - maxPayload: a lower cap on the application payload per frame than the region's `N`, if any.
    ///   - dutyCycle: overrides the region's duty cycle (EU868's 0.1% and 10% sub-bands).
    /// - Throws: ``LinkError/invalidParameter(link:name:reason:)`` for an unknown data rate or out-of-range
    ///   value; ``LinkError/cannotCarryFrame(link:reason:)`` when no application byte fits in a frame.
    public init(region: LoRaRegion, dataRate index: Int, frameOverhead: Int = 13, maxPayload: Int? = nil,
                dutyCycle: Double? = nil, receiveDelay: Double = 1, loss: Double = 0,
                radio: RadioPower? = nil) throws(LinkError) {
        let rates = region.uplinkDataRates
        let label = "LoRaWAN \(region.rawValue) DR\(index)"
        guard rates.indices.contains(index) else {
            throw .invalidParameter(link: label, name: "data rate",
                                    reason: "must be DR0–DR\(rates.count - 1) in \(region.rawValue), got DR\(index)")
        }
        guard frameOverhead >= 0 else {
            throw .invalidParameter(link: label, name: "frame overhead", reason: "must not be negative, got \(frameOverhead)")
        }
        let duty = dutyCycle ?? region.dutyCycle
        guard duty > 0, duty <= 1 else {
            throw .invalidParameter(link: label, name: "duty cycle", reason: "must be in (0, 1], got \(duty)")
        }
        guard receiveDelay >= 0 else {
            throw .invalidParameter(link: label, name: "receive delay", reason: "must not be negative, got \(receiveDelay)")
        }
        try FrameLoss.validate(loss, link: label)
        self.region = region
        self.dataRate = rates[index]
        self.downlinkDataRate = region.rx1DataRate(forUplink: index)
        self.frameOverhead = frameOverhead
        self.dutyCycle = duty
        self.receiveDelay = receiveDelay
        self.loss = loss
        self.radio = radio ?? region.defaultRadio
        // A LoRa PHY payload holds at most 255 bytes.
        let cap = min(maxPayload ?? Int.max, 255 - frameOverhead)
        var up = min(dataRate.maxPayload, cap)
        if let dwell = region.dwellTime {
            while up >= 0, dataRate.timeOnAir(phyPayload: up + frameOverhead, crc: true) > dwell { up -= 1 }
        }
        guard up >= 1 else {
            let rate = dataRate
            let dwellExceeded = region.dwellTime.map { rate.timeOnAir(phyPayload: frameOverhead + 1, crc: true) > $0 }
            let why = if let dwell = region.dwellTime, dwellExceeded == true {
                "\(frameOverhead) bytes of frame overhead plus one byte take longer than the "
                    + "\(Int(dwell * 1000)) ms dwell time at \(rate.label)"
            } else {
                "payload capacity per frame is \(max(up, 0)) bytes"
            }
            throw .cannotCarryFrame(link: label, reason: why)
        }
        let down = min(downlinkDataRate.maxPayload, cap)
        guard down >= 1 else {
            throw .cannotCarryFrame(link: label, reason: "downlink payload capacity per frame is \(max(down, 0)) bytes")
        }
        uplinkPayload = up
        downlinkPayload = down
    }

    public var name: String { "LoRaWAN \(region.rawValue) DR\(dataRate.index) (\(dataRate.label))" }

    public func payloadPerFrame(_ direction: LinkDirection) -> Int {
        direction == .uplink ? uplinkPayload : downlinkPayload
    }

    /// Seconds on air of one uplink frame carrying `payload` application bytes.
    public func uplinkTimeOnAir(payload: Int) -> Double {
        dataRate.timeOnAir(phyPayload: payload + frameOverhead, crc: true)
    }

    /// Seconds on air of one downlink frame carrying `payload` application bytes (CRC off).
    public func downlinkTimeOnAir(payload: Int) -> Double {
        downlinkDataRate.timeOnAir(phyPayload: payload + frameOverhead, crc: false)
    }

    /// Seconds of silence the duty cycle imposes after `airtime` seconds of transmission: `T·(1/dc − 1)`.
    public func offTime(after airtime: Double) -> Double { airtime * (1 / dutyCycle - 1) }
}
