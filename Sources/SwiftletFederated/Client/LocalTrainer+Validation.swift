import SwiftletTensor

extension LocalTrainer {
    /// Checks that `record` has the model's layout — the same arrays, in the same order, with the same
    /// shapes — and holds only finite values.
    ///
    /// `record` names the record in errors (`parameters`, `scaffold.control`).
    /// - Throws: ``ClientError/missingArray(record:array:)``, ``ClientError/unexpectedArray(record:array:)``,
    ///   ``ClientError/misplacedArray(record:array:expectedPosition:actualPosition:)``,
    ///   ``ClientError/shapeMismatch(record:array:expected:actual:)`` or
    ///   ``ClientError/nonFiniteValue(record:array:index:)``.
    func check(_ arrays: ArrayRecord, record: String) throws(ClientError) {
        let actual = arrays.specs
        for (position, spec) in specs.enumerated() {
            guard position < actual.count, actual[position].name == spec.name else {
                if let found = actual.firstIndex(where: { $0.name == spec.name }) {
                    throw .misplacedArray(record: record, array: spec.name, expectedPosition: position, actualPosition: found)
                }
                if position < actual.count, !specs.contains(where: { $0.name == actual[position].name }) {
                    throw .unexpectedArray(record: record, array: actual[position].name)
                }
                throw .missingArray(record: record, array: spec.name)
            }
            guard actual[position].shape == spec.shape else {
                throw .shapeMismatch(record: record, array: spec.name, expected: spec.shape, actual: actual[position].shape)
            }
        }
        if actual.count > specs.count { throw .unexpectedArray(record: record, array: actual[specs.count].name) }
        try checkFinite(arrays.values, record: record)
    }

    /// Throws ``ClientError/nonFiniteValue(record:array:index:)`` naming the array and index of the first NaN
    /// or infinity in `values`, a vector in the model's layout.
    func checkFinite(_ values: [Float], record: String) throws(ClientError) {
        let finite = values.withUnsafeBufferPointer { buffer in
            buffer.isEmpty || Kernels.allFinite(buffer.baseAddress!, count: buffer.count)
        }
        guard !finite, var offset = values.firstIndex(where: { !$0.isFinite }) else { return }
        for spec in specs {
            if offset < spec.count { throw .nonFiniteValue(record: record, array: spec.name, index: offset) }
            offset -= spec.count
        }
    }
}
