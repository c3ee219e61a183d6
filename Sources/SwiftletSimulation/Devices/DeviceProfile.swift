import SwiftletTensor

/// What a kind of edge device can do: compute speed, memory, memory technology, availability, battery and
/// its default radio link.
///
/// Compute time follows the simplest useful model: `time = FLOPs / (peak FLOP/s · efficiency)`, where
/// ``efficiency`` is the fraction of the peak a training loop reaches on that hardware (memory stalls,
/// non-fused kernels, framework overhead). The FLOPs come from the model
/// (``SwiftletNN/Sequential/trainingCost(batchSize:)``), so the same profile prices any model.
public struct DeviceProfile: Sendable {
    /// A short name for reports.
    public var name: String
    /// Peak fp32 throughput, FLOP/s.
    public var peakFLOPS: Double
    /// The fraction of ``peakFLOPS`` training reaches, in (0, 1].
    public var efficiency: Double
    /// Memory available to training, bytes.
    public var memoryBudget: Int
    /// Where the training tensors live, which sets the energy of each memory access.
    public var memory: MemoryTechnology
    /// When the device is reachable.
    public var availability: Availability
    /// The battery, or `nil` for a mains-powered device.
    public var battery: Battery?
    /// The device's radio link.
    public var link: any Link

    /// Creates a profile.
    ///
    /// - Throws: ``DeviceError/invalidParameter(device:name:reason:)`` for a non-positive peak, an
    ///   efficiency outside (0, 1], a negative memory budget, or invalid availability.
    public init(name: String, peakFLOPS: Double, efficiency: Double, memoryBudget: Int, memory: MemoryTechnology,
                availability: Availability = .always, battery: Battery? = nil, link: any Link) throws(DeviceError) {
        guard peakFLOPS > 0, peakFLOPS.isFinite else {
            throw .invalidParameter(device: name, name: "peak FLOP/s", reason: "must be positive, got \(peakFLOPS)")
        }
        guard efficiency > 0, efficiency <= 1 else {
            throw .invalidParameter(device: name, name: "efficiency", reason: "must be in (0, 1], got \(efficiency)")
        }
        guard memoryBudget >= 0 else {
            throw .invalidParameter(device: name, name: "memory budget", reason: "must not be negative, got \(memoryBudget)")
        }
        try availability.validate(device: name)
        self.name = name
        self.peakFLOPS = peakFLOPS
        self.efficiency = efficiency
        self.memoryBudget = memoryBudget
        self.memory = memory
        self.availability = availability
        self.battery = battery
        self.link = link
    }

    /// The FLOP/s training actually reaches: `peak · efficiency`.
    public var effectiveFLOPS: Double { peakFLOPS * efficiency }

    /// Seconds to compute `flops` FLOPs: `flops / (peak · efficiency)`.
    public func computeTime(flops: Int) -> Double { Double(flops) / effectiveFLOPS }

    /// Whether the device is online for a round from `start` lasting `duration` seconds: its availability
    /// allows it and its battery (if any) is not empty. Draws from `generator` only for probabilistic
    /// availability.
    public func isOnline(from start: Double, for duration: Double, generator: inout SeededGenerator) -> Bool {
        if let battery, battery.isDepleted { return false }
        return availability.isOnline(from: start, for: duration, generator: &generator)
    }

    /// Draws `joules` from the battery; returns false when the battery ran out (the device goes offline).
    /// Mains-powered devices always return true.
    @discardableResult
    public mutating func consume(energy joules: Double) -> Bool {
        guard battery != nil else { return true }
        return battery!.drain(joules)
    }
}
