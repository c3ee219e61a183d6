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

    /// Swiftlet's flat array record under the names `keys` (one per spec, in order) instead of the specs' names.
    ///
    /// How a node answers a Flower server: Flower's strategies average replies key by key and require every
    /// reply to use the same keys, so a reply names its arrays exactly as the instruction named them
    /// (`"0"`, `"1"`, … for a list of NumPy arrays; PyTorch's `state_dict` names for a torch model).
    /// - Throws: ``MappingError/arrayCountMismatch(record:expected:actual:unmatched:)`` when the counts differ.
    public init(_ record: ArrayRecord, keys: [String], encoding: ArrayEncoding,
                recordName: String = FleetContentKeys.arrays) throws(MappingError) {
        let specs = record.specs
        if encoding == .swiftletPacked {
            // Swiftlet peers read names and shapes from the packed header; keys only name Flower's arrays.
            try self.init(record, encoding: encoding)
            return
        }
        guard keys.count == specs.count else {
            let unmatched = keys.count < specs.count
                ? "the model's '\(specs[keys.count].name)' (shape \(specs[keys.count].shape)) has no name to answer under"
                : "array \(specs.count) ('\(keys[specs.count])') of the instruction has no model parameter"
            throw .arrayCountMismatch(record: recordName, expected: keys.count, actual: specs.count, unmatched: unmatched)
        }
        self.init()
        for (index, (spec, offset)) in zip(specs, record.offsets).enumerated() {
            do {
                self[keys[index]] = try encoding.array(shape: spec.shape, values: record.values[offset..<(offset + spec.count)])
            } catch {
                throw .arrayMismatch(index: index, key: keys[index], reason: "\(error)")
            }
        }
    }

    /// Swiftlet's flat array record from these arrays, matched to `expected` by position.
    ///
    /// This is the whole mapping between Flower's list of arrays and a Swiftlet model's parameter buffer:
    /// array *i* is the model's parameter *i* (``SwiftletNN/Sequential`` order: layer by layer, each layer's
    /// weight then bias), in C order with PyTorch's layouts — `nn.Linear` weight `[out, in]`, `nn.Conv2d`
    /// weight `[out, in, kh, kw]` (OIHW), depthwise `[channels, 1, kh, kw]`, `nn.Embedding` `[vocab, dim]` —
    /// which are Swiftlet's own layouts, so no array is transposed. With `expected`, each array's shape must
    /// equal the spec at its index (names may differ: Flower apps name arrays their own way) and the counts
    /// must agree; the result carries the expected names. Without it, names and shapes are taken from the
    /// arrays. float64 arrays become float32; integer arrays are an error naming the array.
    /// A packed array (stype `swiftlet.packed`) stands for the arrays packed in it, with their names.
    public func swiftletRecord(expected: [ArraySpec]? = nil, recordName: String = FleetContentKeys.arrays) throws(MappingError) -> ArrayRecord {
        if items.count == 1, let packed = items.first, packed.value.stype == PackedArrays.stype {
            let record = try ArrayEncoding.unpack(packed.value, index: 0, key: packed.key)
            guard let expected else { return record }
            guard expected.count == record.specs.count else {
                let unmatched = expected.count < record.specs.count
                    ? "packed array \(expected.count) ('\(record.specs[expected.count].name)', shape \(record.specs[expected.count].shape)) has no model parameter"
                    : "the model's '\(expected[record.specs.count].name)' (shape \(expected[record.specs.count].shape)) got no array"
                throw .arrayCountMismatch(record: recordName, expected: expected.count, actual: record.specs.count, unmatched: unmatched)
            }
            for (index, (spec, want)) in zip(record.specs, expected).enumerated() where spec.shape != want.shape {
                throw .arrayMismatch(index: index, key: spec.name, reason: "shape \(spec.shape) differs from the expected \(want.shape) of '\(want.name)'")
            }
            do { return try ArrayRecord(specs: expected, values: record.values) } catch {
                throw .arrayMismatch(index: 0, key: recordName, reason: "\(error)")
            }
        }
        if let expected, expected.count != items.count {
            let unmatched = expected.count < items.count
                ? "array \(expected.count) ('\(items[expected.count].key)', shape \(items[expected.count].value.shape)) has no model parameter"
                : "the model's '\(expected[items.count].name)' (shape \(expected[items.count].shape)) got no array"
            throw .arrayCountMismatch(record: recordName, expected: expected.count, actual: items.count, unmatched: unmatched)
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
