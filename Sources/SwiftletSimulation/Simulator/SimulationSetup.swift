import SwiftletFederated
import SwiftletNN
import SwiftletTensor

/// Everything the simulator runs, except the strategy: the virtual devices, the model architecture, the
/// engine's configuration, the wire codecs and the energy constants.
///
/// Built from a ``SimulationConfig`` by ``Experiment``, or directly in code. The engine's
/// ``SwiftletFederated/FederationConfig/roundTimeout`` is the round deadline in *simulated* seconds, and its
/// time budget is simulated time too.
public struct SimulationSetup: Sendable {
    /// The virtual devices; node ids must be distinct.
    public var clients: [SimulatedClientSpec]
    /// Builds the model architecture, initialised from a seed (workers and cost accounting use it).
    public var makeModel: @Sendable (_ seed: UInt64) throws -> Sequential
    /// Rounds, deadline (simulated), sampling seed, evaluation cadence, stop conditions.
    public var federation: FederationConfig
    /// Models kept for training (0: one per core). Results do not depend on it.
    public var workers: Int
    /// How devices encode their updates; the encoded size is what the uplink carries.
    public var uplinkCodec: any Codec
    /// How the server encodes the global model; the encoded size is what the downlink carries.
    public var downlinkCodec: any Codec
    /// Per-operation energies for computation.
    public var energies: OperationEnergy

    /// Creates a setup.
    public init(clients: [SimulatedClientSpec], makeModel: @escaping @Sendable (_ seed: UInt64) throws -> Sequential,
                federation: FederationConfig, workers: Int = 0, uplinkCodec: any Codec = Float32Codec(),
                downlinkCodec: any Codec = Float32Codec(), energies: OperationEnergy = .horowitz45nm) {
        self.clients = clients
        self.makeModel = makeModel
        self.federation = federation
        self.workers = workers
        self.uplinkCodec = uplinkCodec
        self.downlinkCodec = downlinkCodec
        self.energies = energies
    }
}
