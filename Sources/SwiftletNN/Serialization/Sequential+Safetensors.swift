import Foundation

extension Sequential {
    /// The model's parameters as safetensors tensors named `<layer>.<tensor>` (`fc1.weight`, `fc1.bias`, …),
    /// in layer order with PyTorch's shapes, so the file loads into the equivalent `torch.nn` model.
    public func safetensorsFile(metadata: [String: String] = [:]) -> SafetensorsFile {
        var tensors: [SafetensorsTensor] = []
        for (index, layer) in layers.enumerated() {
            var offset = parameterOffsets[index]
            for spec in layer.parameterSpecs {
                let values = Array(parameters[offset..<(offset + spec.count)])
                tensors.append(SafetensorsTensor(name: "\(layer.name).\(spec.name)", shape: spec.shape, scalars: values))
                offset += spec.count
            }
        }
        return SafetensorsFile(tensors: tensors, metadata: metadata)
    }

    /// Writes the parameters to a safetensors file at `url` (F32, little-endian).
    public func saveSafetensors(to url: URL, metadata: [String: String] = [:]) throws(SafetensorsError) {
        try safetensorsFile(metadata: metadata).write(to: url)
    }

    /// Replaces the parameters with those in the safetensors file at `url`.
    ///
    /// - Throws: ``SafetensorsError`` for an unreadable or malformed file, or as
    ///   ``loadParameters(from:fileName:)`` describes; on error the model is unchanged.
    public func loadSafetensors(from url: URL) throws(SafetensorsError) {
        try loadParameters(from: SafetensorsFile(contentsOf: url), fileName: url.path)
    }

    /// Replaces the parameters with the tensors of `file`, which must match the model exactly.
    ///
    /// Every `<layer>.<tensor>` of the model must be present with the model's shape, the file may hold no
    /// other tensor, and every value must be finite. Any dtype the reader converts (F32, F16, BF16, F64) is
    /// accepted. All checks run before anything is written, so on error the model is unchanged.
    /// - Throws: ``SafetensorsError/missingTensor(file:tensor:)``, ``SafetensorsError/shapeMismatch(file:tensor:expected:actual:)``,
    ///   ``SafetensorsError/unexpectedTensor(file:tensor:)`` or ``SafetensorsError/nonFiniteValue(file:layer:tensor:index:)``.
    public func loadParameters(from file: SafetensorsFile, fileName: String) throws(SafetensorsError) {
        var byName: [String: SafetensorsTensor] = [:]
        for tensor in file.tensors { byName[tensor.name] = tensor }
        var plan: [(offset: Int, tensor: SafetensorsTensor)] = []
        var expectedNames = Set<String>()
        for (index, layer) in layers.enumerated() {
            var offset = parameterOffsets[index]
            for spec in layer.parameterSpecs {
                let name = "\(layer.name).\(spec.name)"
                expectedNames.insert(name)
                guard let tensor = byName[name] else { throw .missingTensor(file: fileName, tensor: name) }
                guard tensor.shape == spec.shape else {
                    throw .shapeMismatch(file: fileName, tensor: name, expected: spec.shape, actual: tensor.shape)
                }
                if let bad = tensor.scalars.firstIndex(where: { !$0.isFinite }) {
                    throw .nonFiniteValue(file: fileName, layer: layer.name, tensor: spec.name, index: bad)
                }
                plan.append((offset, tensor))
                offset += spec.count
            }
        }
        if let extra = file.tensors.first(where: { !expectedNames.contains($0.name) }) {
            throw .unexpectedTensor(file: fileName, tensor: extra.name)
        }
        for (offset, tensor) in plan where !tensor.scalars.isEmpty {
            tensor.scalars.withUnsafeBufferPointer { source in
                (parameters.baseAddress! + offset).update(from: source.baseAddress!, count: source.count)
            }
        }
    }
}
