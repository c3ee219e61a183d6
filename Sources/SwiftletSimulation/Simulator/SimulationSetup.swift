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
    /// How devices encode their updates; the encoded size is what the uplink carries. ``SwiftletFederated/Float32Codec``
    /// sends the trained parameters; any other codec sends the delta (trained − received), which the server
    /// decodes and adds to the global model.
    public var uplinkCodec: any Codec
    /// How the server encodes the global model; the encoded size is what the downlink carries.
    /// ``SwiftletFederated/Float32Codec`` sends the whole model every round; any other codec sends each device
    /// the delta against the model it last received (the whole model, as float32, on first contact), and
    /// the device trains from what it decodes.
    public var downlinkCodec: any Codec
    /// Whether each device keeps what the uplink codec dropped and adds it to its next update
    /// (``SwiftletFederated/ErrorFeedback``). Only meaningful with a compressed uplink codec.
    public var errorFeedback: Bool
    /// Per-operation energies for computation.
    public var energies: OperationEnergy

    /// Creates a setup.
    public init(clients: [SimulatedClientSpec], makeModel: @escaping @Sendable (_ seed: UInt64) throws -> Sequential,
                federation: FederationConfig, workers: Int = 0, uplinkCodec: any Codec = Float32Codec(),
                downlinkCodec: any Codec = Float32Codec(), errorFeedback: Bool = false,
                energies: OperationEnergy = .horowitz45nm) {
        self.clients = clients
        self.makeModel = makeModel
        self.federation = federation
        self.workers = workers
        self.uplinkCodec = uplinkCodec
        self.downlinkCodec = downlinkCodec
        self.errorFeedback = errorFeedback
        self.energies = energies
    }
}
