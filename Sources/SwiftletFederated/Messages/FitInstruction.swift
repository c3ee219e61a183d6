/// What the server asks a node to do in a training round: start from these parameters, train as configured.
public struct FitInstruction: Sendable, Equatable {
    /// The round this instruction belongs to, counting from 1.
    public var round: Int
    /// The global model.
    public var parameters: ArrayRecord
    /// Settings for local training (see ``FitConfigKey``).
    public var config: ConfigRecord
    /// Extra model-shaped state the strategy sends, such as SCAFFOLD's server control variate.
    public var auxiliary: [String: ArrayRecord]

    /// Creates an instruction.
    public init(round: Int, parameters: ArrayRecord, config: ConfigRecord = [:], auxiliary: [String: ArrayRecord] = [:]) {
        self.round = round
        self.parameters = parameters
        self.config = config
        self.auxiliary = auxiliary
    }
}
