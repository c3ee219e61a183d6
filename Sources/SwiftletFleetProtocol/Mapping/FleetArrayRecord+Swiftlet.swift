import SwiftletFederated

extension FleetArrayRecord {
    /// Swiftlet's flat array record as one array per spec, named by the spec and in the same order — or, for
    /// ``ArrayEncoding/swiftletPacked``, as one array ``FleetContentKeys/packedArray`` holding them all.
    public init(_ record: ArrayRecord, encoding: ArrayEncoding) throws(MappingError) {
        self.init()
        if encoding == .swiftletPacked {
            self[FleetContentKeys.packedArray] = try ArrayEncoding.packed(record)
            return
        }
        for (index, (spec, offset)) in zip(record.specs, record.offsets).enumerated() {
            do {
                self[spec.name] = try encoding.array(shape: spec.shape, values: record.values[offset..<(offset + spec.count)])
            } catch {
                throw .arrayMismatch(index: index, key: spec.name, reason: "\(error)")
            }
        }
    }

    /// Swiftlet's flat array record from these arrays, matched to `expected` by position.
    ///
    /// With `expected`, each array's shape must equal the spec at its index (names may differ: Flower apps
    /// name arrays their own way); the result carries the expected names. Without it, names and shapes are
    /// taken from the arrays. float64 arrays become float32; integer arrays are an error naming the array.
    /// A packed array (stype `swiftlet.packed`) stands for the arrays packed in it, with their names.
    public func swiftletRecord(expected: [ArraySpec]? = nil, recordName: String = FleetContentKeys.arrays) throws(MappingError) -> ArrayRecord {
        if items.count == 1, let packed = items.first, packed.value.stype == PackedArrays.stype {
            let record = try ArrayEncoding.unpack(packed.value, index: 0, key: packed.key)
            guard let expected else { return record }
            guard expected.count == record.specs.count else {
                throw .arrayCountMismatch(record: recordName, expected: expected.count, actual: record.specs.count)
            }
            for (index, (spec, want)) in zip(record.specs, expected).enumerated() where spec.shape != want.shape {
                throw .arrayMismatch(index: index, key: spec.name, reason: "shape \(spec.shape) differs from the expected \(want.shape) of '\(want.name)'")
            }
            do { return try ArrayRecord(specs: expected, values: record.values) } catch {
                throw .arrayMismatch(index: 0, key: recordName, reason: "\(error)")
            }
        }
        if let expected, expected.count != items.count {
            throw .arrayCountMismatch(record: recordName, expected: expected.count, actual: items.count)
        }
        var specs: [ArraySpec] = []
        var values: [Float] = []
        for (index, item) in items.enumerated() {
            if item.value.stype == PackedArrays.stype {
                throw .arrayMismatch(index: index, key: item.key, reason: "a packed array must be the only array of its record")
            }
            let (shape, arrayValues) = try ArrayEncoding.decode(item.value, index: index, key: item.key)
            if let expected {
                let spec = expected[index]
                guard shape == spec.shape else {
                    throw .arrayMismatch(index: index, key: item.key, reason: "shape \(shape) differs from the expected \(spec.shape) of '\(spec.name)'")
                }
                specs.append(spec)
            } else {
                specs.append(ArraySpec(name: item.key, shape: shape))
            }
            values += arrayValues
        }
        do { return try ArrayRecord(specs: specs, values: values) } catch {
            throw .arrayMismatch(index: 0, key: recordName, reason: "\(error)")
        }
    }
}
