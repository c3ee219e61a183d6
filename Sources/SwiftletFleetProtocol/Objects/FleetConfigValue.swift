import SwiftletFederated

/// A config record value as Flower stores it: Swiftlet's ``ConfigValue`` plus the unsigned kinds.
///
/// Swiftlet's `ConfigValue` has no `uint64`; Flower writes integers above `Int64.max` as `uint64` /
/// `UintList`, so this local type adds those two cases and otherwise wraps `ConfigValue` unchanged.
public enum FleetConfigValue: Sendable, Equatable {
    /// A value Swiftlet's records can hold.
    case value(ConfigValue)
    /// An unsigned integer (Flower uses it only above `Int64.max`).
    case uint(UInt64)
    /// A list of unsigned integers.
    case uints([UInt64])
}
