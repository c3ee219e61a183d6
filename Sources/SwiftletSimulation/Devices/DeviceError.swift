/// A device profile with an impossible parameter, found when the profile is built — before any run.
public enum DeviceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `name` of `device` is out of range.
    case invalidParameter(device: String, name: String, reason: String)

    public var description: String {
        switch self {
        case .invalidParameter(let device, let name, let reason): "device \(device): \(name) \(reason)"
        }
    }
}
