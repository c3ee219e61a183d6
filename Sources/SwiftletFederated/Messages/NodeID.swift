/// The identity of one node (device) in a federation.
///
/// Flower uses 64-bit node ids; so does Swiftlet, so ids survive the trip through the fleet protocol.
public struct NodeID: RawRepresentable, Sendable, Hashable, Comparable, Codable, CustomStringConvertible,
    ExpressibleByIntegerLiteral {
    /// The id.
    public var rawValue: UInt64

    /// Creates an id.
    public init(rawValue: UInt64) { self.rawValue = rawValue }
    /// Creates an id.
    public init(_ rawValue: UInt64) { self.rawValue = rawValue }
    public init(integerLiteral value: UInt64) { rawValue = value }

    public static func < (lhs: NodeID, rhs: NodeID) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { "node \(rawValue)" }
}
