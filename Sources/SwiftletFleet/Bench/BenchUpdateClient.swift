import SwiftletFederated

/// A benchmark device: answers a fit with an update of the model it received — every value moved by a small
/// node-specific step — without training, so the benchmark measures the server and the protocol, not SGD.
///
/// Every node's step differs, so every update is new bytes the server must take in, hash and store, as real
/// updates are: updates repeated across nodes would be stored once (objects are content-addressed) and make
/// the server's work look smaller than a real round's.
struct BenchUpdateClient: Client {
    let step: Float
    let exampleCount: Int

    func parameters(config: ConfigRecord) async throws -> ArrayRecord {
        // The server initialises the model; a benchmark node never reports one of its own.
        ArrayRecord(flat: [])
    }

    func fit(_ instruction: FitInstruction) async throws -> FitResult {
        let moved = instruction.parameters.values.map { $0 + step }
        return FitResult(parameters: try instruction.parameters.with(values: moved), exampleCount: exampleCount, metrics: ["loss": .double(Double(step))])
    }

    func evaluate(_ instruction: EvaluateInstruction) async throws -> EvaluateResult {
        EvaluateResult(loss: 0, exampleCount: exampleCount, metrics: [:])
    }
}
