import SwiftletFederated
import SwiftletSimulation

/// What a fleet server keeps of an ``Experiment``: the strategy, the engine's configuration and the model's
/// size — not the dataset and its partitions, which the devices hold and the server never reads.
///
/// ``Experiment/build(_:)`` loads the whole dataset to check the config and to give the strategy the model
/// simulate and federate would start from; a simulator needs every client's share, a server none of them.
/// Holding the experiment for the whole run kept MNIST's 47 million training values (188 MB of float32) in
/// the server beside the updates it receives. The plan is made in ``init(config:)``, which drops the
/// experiment before returning.
struct FleetRunPlan: Sendable {
    /// The server strategy, with its sampling, fit config, initial parameters and central evaluation (which
    /// keeps the test set only when `server.evaluate-every` asks for it).
    let strategy: any Strategy
    /// Rounds, deadlines, failure policy, evaluation cadence and seed.
    let federation: FederationConfig
    /// The model's parameter count, which sizes the spare object files.
    let parameterCount: Int
    /// The experiment's one-paragraph description, for the log.
    let description: String

    /// Builds the experiment `config` describes and keeps what a server needs of it.
    /// - Throws: ``ExperimentError`` as ``Experiment/build(_:)`` does.
    init(config: SimulationConfig) throws(ExperimentError) {
        self.init(try Experiment.build(config))
    }

    /// What a server needs of `experiment`.
    init(_ experiment: Experiment) {
        strategy = experiment.strategy
        federation = experiment.setup.federation
        parameterCount = experiment.parameterCount
        description = experiment.description
    }
}
