/// A training objective over a batch of model outputs.
public protocol Loss {
    /// What one target is: a class index for classification, a value for regression.
    associatedtype Target

    /// Checks the targets before anything runs: count, range, finiteness. Errors name the sample.
    func validate(targets: UnsafeBufferPointer<Target>, batchSize: Int, outputSize: Int) throws(ModelError)

    /// The mean loss over the batch; if `gradient` is non-nil, writes d(mean loss)/d(output) into it.
    func compute(
        output: UnsafePointer<Float>, targets: UnsafeBufferPointer<Target>, batchSize: Int, outputSize: Int,
        gradient: UnsafeMutablePointer<Float>?
    ) -> Float
}
