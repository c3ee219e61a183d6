import SwiftletFederated

/// Why a simulation could not run.
public enum SimulationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The setup is inconsistent: no clients, duplicate node ids, a non-positive deadline.
    case invalidSetup(String)
    /// The model could not be built.
    case model(String)
    /// The engine refused the configuration or could not start.
    case federation(FederationError)

    public var description: String {
        switch self {
        case .invalidSetup(let reason): "invalid simulation setup: \(reason)"
        case .model(let error): "cannot build the model: \(error)"
        case .federation(let error): "\(error)"
        }
    }
}
