/// A process's CPU time sampled against the benchmark's clock, to read off the CPU a round used from the
/// round's duration on the server's own clock.
///
/// The benchmark learns that a round ended only when it next reads the server's record (four times a second),
/// so a round's window is taken as its recorded duration ending at that read: late by at most one read
/// interval, during which the next round is already running at the same pace. Taking differences between
/// round ends instead left the first round out, since before it the server was also loading the experiment
/// and registering nodes.
struct CPUTimeline: Sendable, Equatable {
    /// The samples, oldest first: seconds on the benchmark's clock and the process's CPU seconds then.
    private(set) var samples: [Sample] = []

    /// One reading of the process's CPU time.
    struct Sample: Sendable, Equatable {
        /// When, in seconds on the benchmark's clock.
        var seconds: Double
        /// The process's CPU time (user + system) then, in seconds.
        var cpu: Double
    }

    /// Adds a sample; one not later than the last is ignored, as the clock only moves on.
    mutating func record(seconds: Double, cpu: Double) {
        guard samples.last.map({ seconds > $0.seconds }) ?? true else { return }
        samples.append(Sample(seconds: seconds, cpu: cpu))
    }

    /// The CPU time at `seconds`, interpolated linearly between the samples around it, or `nil` outside them.
    func cpu(at seconds: Double) -> Double? {
        guard let first = samples.first, let last = samples.last, seconds >= first.seconds, seconds <= last.seconds else {
            return nil
        }
        // The first sample at or after `seconds`; there is one, since `seconds` ≤ the last.
        var low = 0, high = samples.count - 1
        while low < high {
            let middle = (low + high) / 2
            if samples[middle].seconds < seconds { low = middle + 1 } else { high = middle }
        }
        let after = samples[low]
        guard low > 0, after.seconds > seconds else { return after.cpu }
        let before = samples[low - 1]
        let fraction = (seconds - before.seconds) / (after.seconds - before.seconds)
        return before.cpu + fraction * (after.cpu - before.cpu)
    }

    /// The CPU time used in the `duration` seconds that end at `end`, or `nil` when the window is not
    /// within the samples.
    func cpu(endingAt end: Double, duration: Double) -> Double? {
        guard duration >= 0, let last = cpu(at: end), let first = cpu(at: end - duration) else { return nil }
        return last - first
    }
}
