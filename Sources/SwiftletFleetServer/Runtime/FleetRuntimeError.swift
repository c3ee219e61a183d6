import SwiftletFederated
import SwiftletFleetProtocol

/// Why the server runtime could not run a federation. Each case names what was wrong.
public enum FleetRuntimeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A ``FleetRunSettings`` value is out of range.
    case invalidSettings(setting: String, reason: String)
    /// A run with this name has already finished; start a new one under another name.
    case runAlreadyFinished(name: String, run: UInt64)
    /// `run()` was called twice on the same runtime.
    case alreadyStarted
    /// The fleet's state could not be read or written.
    case store(FleetFailure)
    /// The stored checkpoint of the run cannot be read.
    case unreadableCheckpoint(run: UInt64, round: Int, reason: String)
    /// The round engine refused to start or resume.
    case engine(FederationError)

    public var description: String {
        switch self {
        case let .invalidSettings(setting, reason): "invalid run setting '\(setting)': \(reason)"
        case let .runAlreadyFinished(name, run): "run '\(name)' (id \(run)) has already finished; choose another run name"
        case .alreadyStarted: "the runtime has already been started"
        case .store(let failure): "fleet state: \(failure)"
        case let .unreadableCheckpoint(run, round, reason): "checkpoint of run \(run) round \(round) is unreadable: \(reason)"
        case .engine(let error): "\(error)"
        }
    }
}
