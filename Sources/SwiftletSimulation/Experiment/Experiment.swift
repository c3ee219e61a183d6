import SwiftletData
import SwiftletFederated
import SwiftletNN
import SwiftletTensor

/// A ``SimulationConfig`` made runnable: the virtual devices, model, engine configuration and strategy, with
/// every input checked before any training.
///
/// ``build(_:)`` loads and validates the data (truncated or wrong-format files fail here, naming the file),
/// partitions it, builds the model for the data's sample shape and class count, builds each fleet group's
/// link and device and checks the model's training memory against its budget, and builds the strategy. Node
/// ids, client seeds and the split match `swiftlet federate` for the same seed, so the two commands agree.
public struct Experiment: Sendable {
    /// The config it was built from.
    public let config: SimulationConfig
    /// The devices, model, engine configuration and codecs for the simulator.
    public let setup: SimulationSetup
    /// The server strategy, with sampling, fit config, central evaluation and initial parameters.
    public let strategy: any Strategy
    /// The central test set.
    public let test: LabeledDataset
    /// Per-client sizes and label histograms; `nil` for synthetic runs of more than
    /// ``maximumSyntheticReportClients`` clients, whose data exists only when generated.
    public let partitionReport: PartitionReport?
    /// The parameter count of the model.
    public let parameterCount: Int
    /// One paragraph for the CLI's header: dataset, samples, clients, scheme, model, strategy, fleet.
    public let description: String

    /// The most synthetic clients whose data is generated at build time to make the partition report.
    public static let maximumSyntheticReportClients = 10_000

    /// Builds the experiment `config` describes.
    ///
    /// - Throws: ``ExperimentError`` naming the key, file or fleet group at fault: an invalid config, an
    ///   unreadable dataset, a partition with more clients (or shards) than samples, a model that does not
    ///   take the data's shape, a link that cannot carry one frame, a device group whose memory budget cannot
    ///   train the model at the batch size, or strategy options its initialiser refuses.
    public static func build(_ config: SimulationConfig) throws(ExperimentError) -> Experiment {
        do { try config.validate() } catch { throw .config(error) }
        let data = try load(config)
        let preset = config.model.preset
        let shape = data.sampleShape, classes = data.classCount
        let initial: Sequential
        do {
            initial = try Sequential(preset: preset, inputShape: shape, classCount: classes, seed: config.seed)
        } catch {
            throw .model(preset: preset.rawValue, reason: "cannot take samples of shape \(shape) with \(classes) classes: \(error)")
        }
        let devices = try fleetDevices(config, model: initial)
        let (sources, report) = try clients(config, data: data)
        let assignment = assignGroups(config, clientCount: sources.count)
        var specs: [SimulatedClientSpec] = []
        specs.reserveCapacity(sources.count)
        for (index, source) in sources.enumerated() {
            specs.append(SimulatedClientSpec(node: NodeID(UInt64(index + 1)), training: source.training, test: source.test,
                                             seed: config.seed &+ UInt64(index), device: devices[assignment[index]]))
        }
        let strategy = try makeStrategy(config, initial: initial, test: data.test, shape: shape, classes: classes)
        let uplink: any Codec, downlink: any Codec
        do {
            uplink = try CodecRegistry.codec(specification: config.server.uplinkCodec)
            downlink = try CodecRegistry.codec(specification: config.server.downlinkCodec)
        } catch {
            // Unreachable after validate(), which parses both; kept typed rather than forced.
            throw .config(.invalidValue(path: "server.uplink-codec", value: config.server.uplinkCodec, reason: "\(error)"))
        }
        let setup = SimulationSetup(
            clients: specs,
            makeModel: { seed in try Sequential(preset: preset, inputShape: shape, classCount: classes, seed: seed) },
            federation: federation(config), workers: config.workers, uplinkCodec: uplink, downlinkCodec: downlink,
            errorFeedback: config.server.errorFeedback)
        let text = describe(config, data: data, clients: specs.count, parameters: initial.parameterCount, assignment: assignment)
        return Experiment(config: config, setup: setup, strategy: strategy, test: data.test, partitionReport: report,
                          parameterCount: initial.parameterCount, description: text)
    }

    /// The engine's configuration: rounds, the deadline in simulated seconds, failure policy, evaluation
    /// cadence, stop conditions, the seed and sampled-order aggregation (so results do not depend on workers).
    /// A round that finds too few devices online waits one deadline of simulated time for more, then fails
    /// (and `on-failure` decides what follows).
    static func federation(_ config: SimulationConfig) -> FederationConfig {
        let s = config.server
        let onFailure: RoundFailurePolicy = switch s.onFailure {
        case .skip: .skip
        case .stop: .stop
        case .retry: .retry(attempts: s.retries)
        }
        return FederationConfig(
            rounds: config.rounds, roundTimeout: .seconds(s.deadline), minimumResults: s.minimumResults == 0 ? nil : s.minimumResults,
            onFailure: onFailure, evaluateEvery: s.federatedEvaluateEvery, centralEvaluateEvery: s.evaluateEvery,
            targetAccuracy: s.targetAccuracy > 0 ? s.targetAccuracy : nil, timeBudget: s.timeBudget > 0 ? .seconds(s.timeBudget) : nil,
            availabilityTimeout: .seconds(s.deadline), seed: config.seed, ordering: .sampled)
    }
}
