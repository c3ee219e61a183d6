/// A participant in federated learning: it holds local data, trains the model it is sent, and evaluates it.
///
/// The counterpart of Flower's `NumPyClient`. The same client runs in the simulator, behind the fleet
/// protocol on a real device, and in tests; the transport calls these methods. Implementations are usually
/// actors, since a client owns a model and state that persists across rounds (SCAFFOLD's control variate).
///
/// Errors thrown here are reported to the strategy as failures of this node for the round; they never stop
/// the federation. ``ModelClient`` is the ready-made implementation for SwiftletNN models.
public protocol Client: Sendable {
    /// The client's current parameters, used when the strategy has none to start from.
    func parameters(config: ConfigRecord) async throws -> ArrayRecord
    /// Trains locally from `instruction.parameters` and returns the result.
    func fit(_ instruction: FitInstruction) async throws -> FitResult
    /// Evaluates `instruction.parameters` on local data.
    func evaluate(_ instruction: EvaluateInstruction) async throws -> EvaluateResult
}
