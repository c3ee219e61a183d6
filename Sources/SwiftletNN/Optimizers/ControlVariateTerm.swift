import SwiftletTensor

/// SCAFFOLD's drift correction: adds `c − c_i` (server minus client control variate) to the gradient.
///
/// Karimireddy et al., "SCAFFOLD: Stochastic Controlled Averaging for Federated Learning", ICML 2020. The
/// correction is a full-model vector (the layout of ``Sequential/parameters``); only trainable runs use it.
/// Update ``correction`` each round from the new control variates.
public final class ControlVariateTerm: GradientTerm {
    /// `c − c_i`, one value per model parameter.
    public var correction: [Float]

    /// Creates the term from a precomputed correction `c − c_i`.
    public init(correction: [Float]) {
        self.correction = correction
    }

    /// Creates the term from the server's control variate `c` and the client's `c_i` (equal lengths).
    public convenience init(server: [Float], client: [Float]) {
        precondition(server.count == client.count, "ControlVariateTerm: c has \(server.count) values, c_i has \(client.count)")
        self.init(correction: zip(server, client).map { $0 - $1 })
    }

    /// Checks the correction has one finite value per model parameter; ``Sequential/trainStep(input:targets:batchSize:loss:optimizer:)`` calls it.
    public func validate(for model: Sequential) throws(ModelError) {
        try validateFullModelVector(correction, named: "correction", term: "ControlVariateTerm", for: model)
    }

    public func add(parameters: UnsafePointer<Float>, gradients: UnsafeMutablePointer<Float>, count: Int, parameterOffset: Int) {
        precondition(parameterOffset + count <= correction.count,
                     "ControlVariateTerm: correction has \(correction.count) values, the model needs at least \(parameterOffset + count)")
        correction.withUnsafeBufferPointer { c in
            Kernels.axpy(count, 1, c.baseAddress! + parameterOffset, gradients)
        }
    }
}
