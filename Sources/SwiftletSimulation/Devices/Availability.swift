import SwiftletTensor

/// When a device can take part: always, with a probability per draw, or along a trace of online windows.
///
/// Traces follow FedScale (Lai et al., ICML 2022), whose client availability traces are lists of online
/// intervals; a trace may repeat with a ``period`` (a day: 86,400 s). Probabilistic availability draws from a
/// ``SeededGenerator`` the caller passes in, so a run is reproducible.
public enum Availability: Sendable, Equatable {
    /// Always online.
    case always
    /// Online at each draw with this probability.
    case probability(Double)
    /// Online exactly during these windows, repeating every `period` seconds if `period` is set.
    case trace([OnlineWindow], period: Double?)

    /// Whether the device is online at `time`. Draws one number from `generator` for ``probability(_:)``
    /// and none otherwise.
    public func isOnline(at time: Double, generator: inout SeededGenerator) -> Bool {
        switch self {
        case .always: return true
        case .probability(let p): return generator.nextUnitDouble() < p
        case .trace(let windows, let period):
            let t = Self.fold(time, period: period)
            return windows.contains { $0.contains(t) }
        }
    }

    /// Whether the device is online for all of a round from `start` lasting `duration` seconds: one draw for
    /// ``probability(_:)``; for a trace, a single window must cover the whole round.
    public func isOnline(from start: Double, for duration: Double, generator: inout SeededGenerator) -> Bool {
        switch self {
        case .always: return true
        case .probability(let p): return generator.nextUnitDouble() < p
        case .trace(let windows, let period):
            let t = Self.fold(start, period: period)
            return windows.contains { $0.covers(from: t, length: duration) }
        }
    }

    /// Checks the parameters, naming `device` in the error.
    func validate(device: String) throws(DeviceError) {
        switch self {
        case .always: return
        case .probability(let p):
            guard p >= 0, p <= 1 else {
                throw .invalidParameter(device: device, name: "availability probability", reason: "must be in [0, 1], got \(p)")
            }
        case .trace(let windows, let period):
            if let period, !(period > 0 && period.isFinite) {
                throw .invalidParameter(device: device, name: "trace period", reason: "must be positive, got \(period)")
            }
            for (index, window) in windows.enumerated() where !(window.start >= 0 && window.duration >= 0) {
                throw .invalidParameter(device: device, name: "online window \(index)",
                                        reason: "needs a non-negative start and duration, got \(window.start), \(window.duration)")
            }
        }
    }

    static func fold(_ time: Double, period: Double?) -> Double {
        guard let period else { return time }
        let folded = time.truncatingRemainder(dividingBy: period)
        return folded < 0 ? folded + period : folded
    }
}
