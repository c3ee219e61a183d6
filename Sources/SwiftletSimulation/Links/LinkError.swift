/// A link profile that cannot carry what it is asked to, found when the link is built — before any run.
public enum LinkError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not even one byte of application payload fits in a frame (zero capacity, or the frame overhead alone
    /// exceeds a dwell-time limit).
    case cannotCarryFrame(link: String, reason: String)
    /// A parameter is out of range (negative rate, loss probability not in [0, 1), …).
    case invalidParameter(link: String, name: String, reason: String)
    /// A transfer of a negative number of bytes was asked for.
    case negativeSize(link: String, bytes: Int)

    public var description: String {
        switch self {
        case .cannotCarryFrame(let link, let reason): "link \(link) cannot carry one frame: \(reason)"
        case .invalidParameter(let link, let name, let reason): "link \(link): \(name) \(reason)"
        case .negativeSize(let link, let bytes): "link \(link): cannot transfer \(bytes) bytes"
        }
    }
}
