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
        registry.makeCounter(descriptor: Self.requests, labels: labels).increment()
        registry.makeDurationHistogram(descriptor: Self.duration, labels: [("rpc", rpc)], buckets: Self.buckets).record(duration)
        registry.makeCounter(descriptor: Self.requestBytes, labels: [("rpc", rpc)]).increment(by: bytesIn)
        registry.makeCounter(descriptor: Self.responseBytes, labels: [("rpc", rpc)]).increment(by: bytesOut)
    }

    static var requests: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "swiftlet", subsystem: "fleet", metricName: "requests", unitName: "total",
        helpText: "Fleet API requests answered, by RPC and HTTP status.") }
    static var duration: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "swiftlet", subsystem: "fleet", metricName: "request_duration", unitName: "seconds",
        helpText: "Time from a request's arrival to its answer, by RPC.") }
    static var requestBytes: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "swiftlet", subsystem: "fleet", metricName: "request_bytes", unitName: "total",
        helpText: "Request body bytes received, by RPC.") }
    static var responseBytes: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "swiftlet", subsystem: "fleet", metricName: "response_bytes", unitName: "total",
        helpText: "Response body bytes sent, by RPC.") }

    /// The Prometheus text exposition of every metric in the registry.
    public func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }

    static let buckets: [Duration] = [
        .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(50), .milliseconds(100),
        .milliseconds(500), .seconds(1), .seconds(5), .seconds(30),
    ]
}
