extension Availability {
    /// When a device online at `time` goes offline: the end of the trace window containing `time`,
    /// `.infinity` for ``always`` and ``probability(_:)`` (a drawn device stays for the round), or `nil`
    /// when a trace has no window at `time`.
    ///
    /// Windows are matched within one period; a window running into the next period's first window is
    /// treated as ending at the period boundary, which only ever shortens a session.
    public func onlineUntil(_ time: Double) -> Double? {
        switch self {
        case .always, .probability: return .infinity
        case .trace(let windows, let period):
            let folded = Self.fold(time, period: period)
            guard let window = windows.filter({ $0.contains(folded) }).max(by: { $0.end < $1.end }) else { return nil }
            var end = window.end
            if let period { end = min(end, period) }
            return time + (end - folded)
        }
    }
}
