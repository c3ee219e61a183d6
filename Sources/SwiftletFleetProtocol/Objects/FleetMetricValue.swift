import SwiftletFederated

/// A metric record value as Flower stores it: Swiftlet's ``MetricValue`` plus the unsigned kinds.
public enum FleetMetricValue: Sendable, Equatable {
    /// A value Swiftlet's records can hold.
    case value(MetricValue)
    /// An unsigned integer.
    case uint(UInt64)
    /// A list of unsigned integers.
    case uints([UInt64])
}
