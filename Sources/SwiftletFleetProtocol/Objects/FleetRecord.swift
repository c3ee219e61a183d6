/// One record in a ``RecordDict``.
public enum FleetRecord: Sendable, Equatable {
    /// Named arrays.
    case arrays(FleetArrayRecord)
    /// Configuration values.
    case config(FleetConfigRecord)
    /// Metrics.
    case metrics(FleetMetricRecord)
}
