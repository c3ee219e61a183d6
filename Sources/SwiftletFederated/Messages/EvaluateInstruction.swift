/// What the server asks a node to do in an evaluation round: measure these parameters on local data.
public struct EvaluateInstruction: Sendable, Equatable {
    /// The round this instruction belongs to.
    public var round: Int
    /// The model to evaluate.
    public var parameters: ArrayRecord
    /// Settings for evaluation (batch size, …).
    public var config: ConfigRecord

    /// Creates an instruction.
    public init(round: Int, parameters: ArrayRecord, config: ConfigRecord = [:]) {
        self.round = round
        self.parameters = parameters
        self.config = config
    }
}
