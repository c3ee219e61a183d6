/// The training memory of a model at a batch capacity, in bytes.
///
/// All planned buffers exist for the whole step, so the peak is their sum.
public struct MemoryReport: Sendable, Equatable, CustomStringConvertible {
    /// The batch capacity the plan was made for.
    public var batchSize: Int
    /// The parameter buffer.
    public var parameters: Int
    /// Gradient storage: trainable tensors only.
    public var gradients: Int
    /// Optimizer state (momentum, Adam moments) for the trainable tensors.
    public var optimizerState: Int
    /// Activations kept from forward for backward, including layers' own saved buffers (masks, gates).
    public var activations: Int
    /// Ping-pong buffers for activations no backward reads, and for activation gradients.
    public var transient: Int
    /// Shared kernel scratch (im2col, GEMM packing).
    public var workspace: Int

    /// The sum of all of the above.
    public var peak: Int { parameters + gradients + optimizerState + activations + transient + workspace }

    public var description: String {
        func kib(_ bytes: Int) -> String {
            let value = Double(bytes) / 1024
            return value >= 100 ? "\(Int(value.rounded())) KiB" : "\((value * 10).rounded() / 10) KiB"
        }
        return """
        training memory at batch \(batchSize):
          parameters       \(kib(parameters))
          gradients        \(kib(gradients))
          optimizer state  \(kib(optimizerState))
          activations      \(kib(activations))
          transient        \(kib(transient))
          workspace        \(kib(workspace))
          peak             \(kib(peak))
        """
    }
}
