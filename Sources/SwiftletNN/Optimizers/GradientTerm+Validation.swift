import SwiftletTensor

extension GradientTerm {
    /// Checks that a full-model vector a term carries has one finite value per parameter of `model`.
    ///
    /// - Throws: ``ModelError/invalidConfiguration(layer:reason:)`` naming the term, the vector and, for a
    ///   non-finite value, the layer, tensor and index it sits at.
    func validateFullModelVector(_ values: [Float], named vector: String, term: String, for model: Sequential) throws(ModelError) {
        guard values.count == model.parameterCount else {
            throw .invalidConfiguration(layer: term, reason: "\(vector) has \(values.count) values, the model has \(model.parameterCount) parameters")
        }
        let finite = values.withUnsafeBufferPointer { Kernels.allFinite($0.baseAddress!, count: $0.count) }
        if !finite, let bad = values.firstIndex(where: { !$0.isFinite }) {
            let (layer, tensor, offset) = model.locate(parameterIndex: bad)
            throw .invalidConfiguration(layer: term, reason: "\(vector) value for \(layer).\(tensor)[\(offset)] is NaN or infinite")
        }
    }
}
