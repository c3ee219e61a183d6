import Synchronization
import SwiftletFleetProtocol

/// Request latencies collected from many concurrent nodes, per RPC, while recording is on.
///
/// Samples are kept whole (a few bytes each, millions at most in a benchmark), so percentiles are exact.
public final class LatencyRecorder: Sendable {
    private struct State {
        var recording = false
        var samples: [FleetRPC: [Double]] = [:]
        var failures: [FleetRPC: Int] = [:]
        var successes: [FleetRPC: Int] = [:]
    }

    private let state = Mutex(State())

    /// Creates an empty recorder, not recording.
    public init() {}

    /// Starts or stops recording; starting clears earlier samples.
    public func setRecording(_ on: Bool) {
        state.withLock {
            if on { $0.samples = [:]; $0.failures = [:] }
            $0.recording = on
        }
    }

    /// Records one call's latency in seconds, or a failed call.
    public func record(_ rpc: FleetRPC, seconds: Double, failed: Bool) {
        state.withLock {
            if !failed { $0.successes[rpc, default: 0] += 1 }
            guard $0.recording else { return }
            if failed { $0.failures[rpc, default: 0] += 1 } else { $0.samples[rpc, default: []].append(seconds) }
        }
    }

    /// Successful calls of `rpc` since the recorder was created, recording or not.
    public func successes(_ rpc: FleetRPC) -> Int {
        state.withLock { $0.successes[rpc] ?? 0 }
    }

    /// Percentiles of every recorded call, and per RPC.
    public func summary() -> LatencySummary {
        state.withLock { s in
            let all = s.samples.values.flatMap { $0 }
            var perRPC: [String: LatencySummary.Entry] = [:]
            for (rpc, values) in s.samples { perRPC[rpc.rawValue] = .init(values, failures: s.failures[rpc] ?? 0) }
            for (rpc, count) in s.failures where s.samples[rpc] == nil { perRPC[rpc.rawValue] = .init([], failures: count) }
            return LatencySummary(all: .init(all, failures: s.failures.values.reduce(0, +)), perRPC: perRPC)
        }
    }
}

/// Latency percentiles, overall and per RPC.
public struct LatencySummary: Sendable, Codable, Equatable {
    /// Percentiles of a set of calls, in milliseconds.
    public struct Entry: Sendable, Codable, Equatable {
        /// Successful calls.
        public var count: Int
        /// Failed calls (not in the percentiles).
        public var failures: Int
        /// Median latency, ms.
        public var p50: Double
        /// 99th percentile latency, ms.
        public var p99: Double
        /// Largest latency, ms.
        public var max: Double

        /// Summarises `seconds` (nearest-rank percentiles).
        public init(_ seconds: [Double], failures: Int) {
            let sorted = seconds.sorted()
            count = sorted.count
            self.failures = failures
            func rank(_ q: Double) -> Double {
                guard !sorted.isEmpty else { return 0 }
                let index = Swift.min(sorted.count - 1, Swift.max(0, Int((q * Double(sorted.count)).rounded(.up)) - 1))
                return sorted[index] * 1_000
            }
            p50 = rank(0.5)
            p99 = rank(0.99)
            self.max = (sorted.last ?? 0) * 1_000
        }
    }

    /// Every call.
    public var all: Entry
    /// Per RPC name.
    public var perRPC: [String: Entry]
}

/// A transport that times each call into a ``LatencyRecorder``.
public struct TimedTransport: FleetTransport {
    private let base: any FleetTransport
    private let recorder: LatencyRecorder

    /// Wraps `base`.
    public init(_ base: any FleetTransport, recorder: LatencyRecorder) {
        self.base = base
        self.recorder = recorder
    }

    /// Sends through the wrapped transport, timing the call.
    public func send(_ rpc: FleetRPC, body: [UInt8]) async throws(FleetFailure) -> [UInt8] {
        try await timed(rpc) { () throws(FleetFailure) in try await base.send(rpc, body: body) }
    }

    /// Sends the parts through the wrapped transport, timing the call.
    public func send(_ rpc: FleetRPC, parts: [[UInt8]]) async throws(FleetFailure) -> [UInt8] {
        try await timed(rpc) { () throws(FleetFailure) in try await base.send(rpc, parts: parts) }
    }

    /// Sends through the wrapped transport, receiving objects, timing the call.
    public func send(_ rpc: FleetRPC, body: [UInt8], receiving shape: ObjectMessageBody.Shape) async throws(FleetFailure) -> ObjectMessageBody {
        try await timed(rpc) { () throws(FleetFailure) in try await base.send(rpc, body: body, receiving: shape) }
    }

    private func timed<Answer>(_ rpc: FleetRPC, _ call: () async throws(FleetFailure) -> Answer) async throws(FleetFailure) -> Answer {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let reply = try await call()
            recorder.record(rpc, seconds: (clock.now - start).seconds, failed: false)
            return reply
        } catch {
            recorder.record(rpc, seconds: (clock.now - start).seconds, failed: true)
            throw error
        }
    }
}

extension Duration {
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) * 1e-18
    }
}
