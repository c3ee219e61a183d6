import SwiftletFleetProtocol

/// The `code` values of the Error a node sends instead of a result, the same numbers as Flower's `ErrorCode`.
///
/// Codes from 1000 up are Swiftlet's own, sent only to a Swiftlet server in answer to what only a Swiftlet
/// server asks (compressed updates); Flower's codes stay below.
public enum FleetErrorCode {
    /// Nothing more specific is known.
    public static let unknown: Int64 = 0
    /// The client (Flower: the ClientApp) threw while handling the instruction, or refused its content.
    public static let clientAppRaisedException: Int64 = 2
    /// The instruction's objects could not be pulled whole and verified.
    public static let messageUnavailable: Int64 = 3
    /// The instruction asks for an update codec this node cannot build; the reason names the codec.
    public static let unsupportedCodec: Int64 = 1001
    /// A compressed downlink's delta applies to a model this node does not hold (a restarted node holds none),
    /// or applying it did not give the model the server computed: the server sends the whole model next time.
    public static let downlinkBaseMissing: Int64 = DownlinkInstruction.baseMissingErrorCode
}
