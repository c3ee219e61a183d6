/// The bounds the fleet service enforces on requests.
public struct FleetServiceLimits: Sendable, Equatable {
    /// Largest object accepted, in bytes.
    public var maxObjectBytes: Int
    /// Most objects in one message's tree.
    public var maxObjectsPerMessage: Int
    /// Bytes of objects one ``FleetRPC/pullObjects`` answer carries at most, unless its first object alone is
    /// larger: the node asks again for the rest.
    public var maxBatchBytes: Int
    /// Shortest and longest heartbeat interval a node may ask for, in seconds (Flower: 10 and 1800).
    public var heartbeatIntervals: ClosedRange<Double>
    /// A node is offline after missing `heartbeatInterval × heartbeatTolerance` (Flower's patience: 2).
    public var heartbeatTolerance: Double
    /// The reconnect hint given with pushed replies, in seconds (Flower: 5).
    public var reconnectHint: UInt64

    /// Creates limits.
    public init(maxObjectBytes: Int = 64 << 20, maxObjectsPerMessage: Int = 10_000,
                heartbeatIntervals: ClosedRange<Double> = 10...1800, heartbeatTolerance: Double = 2,
                reconnectHint: UInt64 = 5, maxBatchBytes: Int = 16 << 20) {
        self.maxBatchBytes = maxBatchBytes
        self.maxObjectBytes = maxObjectBytes
        self.maxObjectsPerMessage = maxObjectsPerMessage
        self.heartbeatIntervals = heartbeatIntervals
        self.heartbeatTolerance = heartbeatTolerance
        self.reconnectHint = reconnectHint
    }
}
