/// The electrical draw of a radio: supply voltage and current while transmitting and receiving, so that
/// energy is `E = V·I·T`.
public struct RadioPower: Sendable, Equatable {
    /// Supply voltage, V.
    public var voltage: Double
    /// Current while transmitting, A.
    public var transmitCurrent: Double
    /// Current while receiving, A.
    public var receiveCurrent: Double

    /// Creates a power profile.
    public init(voltage: Double, transmitCurrent: Double, receiveCurrent: Double) {
        self.voltage = voltage
        self.transmitCurrent = transmitCurrent
        self.receiveCurrent = receiveCurrent
    }

    /// Joules for `transmit` seconds transmitting and `receive` seconds receiving.
    public func energy(transmit: Double, receive: Double) -> Double {
        voltage * (transmitCurrent * transmit + receiveCurrent * receive)
    }

    /// An SX1276-class module at 14 dBm (the EU868 default): 3.3 V, about 33 mA transmitting and 12 mA
    /// receiving (SX1276 datasheet, Table 6: 10.8–12 mA RX; measured module TX at 14 dBm ≈ 33 mA).
    public static let sx1276At14dBm = RadioPower(voltage: 3.3, transmitCurrent: 0.033, receiveCurrent: 0.012)
    /// An SX1276-class module at 20 dBm (PA_BOOST, as US915 devices use): 3.3 V, about 126 mA transmitting.
    public static let sx1276At20dBm = RadioPower(voltage: 3.3, transmitCurrent: 0.126, receiveCurrent: 0.012)
}
