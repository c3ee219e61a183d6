import Foundation

extension RequestAuthenticator {
    /// How old a signed timestamp may be, and how many signed requests are remembered against replay.
    public struct Configuration: Sendable, Equatable {
        /// Flower's `TIMESTAMP_TOLERANCE`: how long a signature stays valid.
        public static let flowerTimestampTolerance: Duration = .seconds(300)
        /// Flower's `SYSTEM_TIME_TOLERANCE`: allowance for the node's clock running ahead or behind.
        public static let flowerClockSkewTolerance: Duration = .seconds(5)

        /// How long a signature stays valid (Flower: 300 s).
        public var timestampTolerance: Duration
        /// Allowance for clock drift either way (Flower: 5 s): a timestamp may be up to this far in the
        /// future, and up to `timestampTolerance` plus this old.
        public var clockSkewTolerance: Duration
        /// The most requests remembered for replay detection at once. Each costs about 100 bytes; the
        /// default (one million) holds 10,000 nodes each sending one request every 3 s for the whole window.
        public var replayCapacity: Int

        /// Creates a configuration; the defaults are Flower's.
        /// - Precondition: tolerances are not negative and `replayCapacity` is positive.
        public init(
            timestampTolerance: Duration = flowerTimestampTolerance,
            clockSkewTolerance: Duration = flowerClockSkewTolerance,
            replayCapacity: Int = 1_000_000
        ) {
            precondition(timestampTolerance >= .zero, "timestampTolerance must not be negative")
            precondition(clockSkewTolerance >= .zero, "clockSkewTolerance must not be negative")
            precondition(replayCapacity > 0, "replayCapacity must be positive")
            self.timestampTolerance = timestampTolerance
            self.clockSkewTolerance = clockSkewTolerance
            self.replayCapacity = replayCapacity
        }

        /// Seconds a timestamp may lie in the future (exclusive).
        var lowerBound: TimeInterval { clockSkewTolerance.seconds }
        /// Seconds a timestamp may lie in the past (exclusive).
        var upperBound: TimeInterval { (timestampTolerance + clockSkewTolerance).seconds }
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    fileprivate var seconds: TimeInterval {
        let (whole, attoseconds) = components
        return TimeInterval(whole) + TimeInterval(attoseconds) / 1e18
    }
}
