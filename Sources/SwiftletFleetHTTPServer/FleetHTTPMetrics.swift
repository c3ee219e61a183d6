import Prometheus
import SwiftletFleetProtocol

/// The server's request metrics, kept in an injected Prometheus registry.
///
/// The registry is passed in rather than bootstrapped here so that library code never calls
/// `MetricsSystem.bootstrap` (which may happen once per process): the caller owns it and may share it.
public struct FleetHTTPMetrics: Sendable {
    /// The registry the metrics live in, emitted by `GET /metrics`.
    public let registry: PrometheusCollectorRegistry

    /// Creates metrics in `registry`.
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
    }

    /// Counts one request for `rpc` answered with `status`, its latency and its body sizes.
    func record(rpc: String, status: Int, duration: Duration, bytesIn: Int64, bytesOut: Int64) {
        let labels = [("rpc", rpc), ("status", String(status))]
        registry.makeCounter(name: "swiftlet_fleet_requests_total", labels: labels).increment()
        registry.makeDurationHistogram(
            name: "swiftlet_fleet_request_duration_seconds", labels: [("rpc", rpc)], buckets: Self.buckets
        ).record(duration)
        registry.makeCounter(name: "swiftlet_fleet_request_bytes_total", labels: [("rpc", rpc)])
            .increment(by: bytesIn)
        registry.makeCounter(name: "swiftlet_fleet_response_bytes_total", labels: [("rpc", rpc)])
            .increment(by: bytesOut)
    }

    /// The Prometheus text exposition of every metric in the registry.
    public func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }

    static let buckets: [Duration] = [
        .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(50), .milliseconds(100),
        .milliseconds(500), .seconds(1), .seconds(5), .seconds(30),
    ]
}
