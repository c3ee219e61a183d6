/// A span of simulated time during which a device is reachable, from ``start`` for ``duration`` seconds.
public struct OnlineWindow: Sendable, Equatable {
    /// Seconds from the start of the trace (or of its period).
    public var start: Double
    /// Length, seconds.
    public var duration: Double

    /// Creates a window.
    public init(start: Double, duration: Double) {
        self.start = start
        self.duration = duration
    }

    /// The first second after the window.
    public var end: Double { start + duration }

    /// Whether `start..<end` covers `time`.
    public func contains(_ time: Double) -> Bool { time >= start && time < end }

    /// Whether the window covers all of `[from, from + length]`.
    public func covers(from: Double, length: Double) -> Bool { from >= start && from + length <= end }
}
