/// A device's battery: capacity and remaining charge in joules. A device whose battery is empty goes offline.
public struct Battery: Sendable, Equatable {
    /// Full charge, J.
    public let capacity: Double
    /// Remaining charge, J, in `0...capacity`.
    public private(set) var level: Double

    /// Creates a battery at `level` joules (full when `nil`).
    ///
    /// - Throws: ``DeviceError/invalidParameter(device:name:reason:)`` unless `0 < capacity` and
    ///   `0 ≤ level ≤ capacity`.
    public init(capacity: Double, level: Double? = nil) throws(DeviceError) {
        guard capacity > 0, capacity.isFinite else {
            throw .invalidParameter(device: "battery", name: "capacity", reason: "must be positive, got \(capacity)")
        }
        let level = level ?? capacity
        guard level >= 0, level <= capacity else {
            throw .invalidParameter(device: "battery", name: "level", reason: "must be in 0...\(capacity) J, got \(level)")
        }
        self.capacity = capacity
        self.level = level
    }

    /// A battery of `milliampHours` at `volts`: `E = Q·V` (1 mAh = 3.6 C).
    public init(milliampHours: Double, volts: Double) throws(DeviceError) {
        try self.init(capacity: milliampHours * 3.6 * volts)
    }

    /// True once the charge is gone.
    public var isDepleted: Bool { level <= 0 }

    /// Remaining charge as a fraction of capacity.
    public var fraction: Double { level / capacity }

    /// Draws `joules`; returns false, leaving the battery empty, when it held less than that.
    @discardableResult
    public mutating func drain(_ joules: Double) -> Bool {
        guard joules <= level else {
            level = 0
            return false
        }
        level -= max(joules, 0)
        return true
    }
}
