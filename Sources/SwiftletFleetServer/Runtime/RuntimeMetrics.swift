import Metrics

/// The runtime's metrics, through swift-metrics (exported by whatever backend the process bootstraps, such as
/// the HTTP server's Prometheus endpoint).
struct RuntimeMetrics: Sendable {
    /// Rounds that completed with a new global model.
    let roundsCompleted = Counter(label: "swiftlet_fleet_rounds_completed_total")
    /// Rounds that failed (too few results, or the strategy could not aggregate).
    let roundsFailed = Counter(label: "swiftlet_fleet_rounds_failed_total")
    /// How long each round's training took, on the engine's clock.
    let roundDuration = Metrics.Timer(label: "swiftlet_fleet_round_duration_seconds", preferredDisplayUnit: .seconds)
    /// Nodes the engine can sample now.
    let nodesOnline = Gauge(label: "swiftlet_fleet_runtime_nodes_online")
    /// Results validated and aggregated.
    let resultsAccepted = Counter(label: "swiftlet_fleet_results_accepted_total")
    /// Results refused by validation (non-finite values, wrong layout, strategy check).
    let resultsRejected = Counter(label: "swiftlet_fleet_results_rejected_total", dimensions: [("reason", "rejected")])
    /// Calls that failed: the node reported an error or sent a reply that does not fit.
    let resultsFailed = Counter(label: "swiftlet_fleet_results_rejected_total", dimensions: [("reason", "failed")])
    /// Nodes that had not answered by the round's deadline.
    let resultsTimedOut = Counter(label: "swiftlet_fleet_results_rejected_total", dimensions: [("reason", "timed_out")])
}
