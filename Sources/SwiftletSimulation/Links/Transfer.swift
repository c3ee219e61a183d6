/// What one transfer over a link costs: frames, bytes on air, time and radio energy.
///
/// Quantities that retransmissions change are `Double` so the same type carries a drawn transfer (whole
/// retransmissions) and an expected one (``Link/expectedTransfer(bytes:direction:)``, mean retransmissions).
public struct Transfer: Sendable, Equatable {
    /// Which way the payload went.
    public var direction: LinkDirection
    /// Application bytes delivered.
    public var payloadBytes: Int
    /// Frames the payload was split into (first transmissions only).
    public var frames: Int
    /// Frames sent again after a loss.
    public var retransmissions: Double
    /// Bytes the radio sent or received: payload, per-frame overhead and retransmissions (and, for a LoRaWAN
    /// Class A downlink, the uplinks that open its receive windows).
    public var bytesOnAir: Double
    /// Seconds the device's radio transmitted.
    public var transmitTime: Double
    /// Seconds the device's radio received.
    public var receiveTime: Double
    /// Seconds from the start of the transfer to the delivery of its last frame: airtime, latency,
    /// receive-window delays and duty-cycle waits between frames.
    public var wallTime: Double
    /// Seconds the device must still stay silent after the transfer before it may transmit again (the
    /// duty-cycle off-time of its last transmission); zero where no duty cycle applies.
    public var backoffAfter: Double
    /// Radio energy in joules, `E = V·I·T` summed over transmit and receive, plus any fixed per-transfer
    /// (connection setup, tail) energy of the link.
    public var energy: Double

    /// Creates a transfer record.
    public init(direction: LinkDirection, payloadBytes: Int, frames: Int, retransmissions: Double, bytesOnAir: Double,
                transmitTime: Double, receiveTime: Double, wallTime: Double, backoffAfter: Double, energy: Double) {
        self.direction = direction
        self.payloadBytes = payloadBytes
        self.frames = frames
        self.retransmissions = retransmissions
        self.bytesOnAir = bytesOnAir
        self.transmitTime = transmitTime
        self.receiveTime = receiveTime
        self.wallTime = wallTime
        self.backoffAfter = backoffAfter
        self.energy = energy
    }

    /// Nothing sent.
    public static func empty(_ direction: LinkDirection) -> Transfer {
        Transfer(direction: direction, payloadBytes: 0, frames: 0, retransmissions: 0, bytesOnAir: 0,
                 transmitTime: 0, receiveTime: 0, wallTime: 0, backoffAfter: 0, energy: 0)
    }

    /// Seconds the radio was on air either way.
    public var airtime: Double { transmitTime + receiveTime }
}
