import SwiftletTensor

extension LabeledDataset {
    /// Splits off a random validation set holding `validationFraction` of the samples (rounded).
    ///
    /// Samples are drawn by a shuffle from `generator`; both parts keep the drawn order, so the same seed
    /// always gives the same split and the two parts never share a sample.
    public func split(validationFraction: Double, generator: inout SeededGenerator)
        throws(DatasetError) -> (training: LabeledDataset, validation: LabeledDataset) {
        guard validationFraction >= 0 && validationFraction <= 1 else { throw .invalidSplitFraction(validationFraction) }
        let validationCount = Int((Double(count) * validationFraction).rounded())
        var order = Array(0..<count)
        generator.shuffle(&order)
        return (subset(order[validationCount...]), subset(order[..<validationCount]))
    }
}
