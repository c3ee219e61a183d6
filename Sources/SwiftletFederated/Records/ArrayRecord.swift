import SwiftletNN

/// Named, shaped arrays laid end to end over one flat `Float` buffer: a model's parameters as they travel.
///
/// This is Flower's `ArrayRecord` for float32 models. The values are one contiguous array in the order of
/// ``specs``, which is exactly the layout of ``Sequential/parameters`` — so a record is filled from a model,
/// aggregated and written back with plain buffer operations, never per tensor. Copy-on-write: passing a
/// record to many nodes shares one buffer.
public struct ArrayRecord: Sendable, Equatable {
    /// The arrays, in buffer order.
    public private(set) var specs: [ArraySpec]
    /// Every array's values, end to end in the order of ``specs``.
    public var values: [Float] {
        willSet { precondition(newValue.count == values.count, "ArrayRecord: values must keep their count \(values.count)") }
    }

    /// Creates a record after checking the specs are valid, uniquely named and describe `values.count` scalars.
    ///
    /// - Throws: ``RecordError/invalidSpec(name:shape:)`` (empty name, negative dimension, or a shape whose
    ///   product overflows `Int`), ``RecordError/duplicateArrayName(_:)`` or
    ///   ``RecordError/countMismatch(expected:actual:)``.
    public init(specs: [ArraySpec], values: [Float]) throws(RecordError) {
        var names = Set<String>()
        var total = 0
        for spec in specs {
            // The product is formed with overflow checks: `spec.count` would trap on a hostile shape.
            var count = 1
            for dimension in spec.shape {
                let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
                guard dimension >= 0, !overflow else { throw .invalidSpec(name: spec.name, shape: spec.shape) }
                count = product
            }
            guard !spec.name.isEmpty else { throw .invalidSpec(name: spec.name, shape: spec.shape) }
            guard names.insert(spec.name).inserted else { throw .duplicateArrayName(spec.name) }
            let (sum, overflow) = total.addingReportingOverflow(count)
            guard !overflow else { throw .countMismatch(expected: Int.max, actual: values.count) }
            total = sum
        }
        guard total == values.count else { throw .countMismatch(expected: total, actual: values.count) }
        self.specs = specs
        self.values = values
    }

    /// A record with one unnamed-dimension array `name` of `values.count` scalars.
    public init(flat values: [Float], name: String = "values") {
        specs = [ArraySpec(name: name, shape: [values.count])]
        self.values = values
    }

    /// The layout of `model`'s parameters: one spec per parameter tensor, named `layer.tensor`.
    public static func specs(of model: Sequential) -> [ArraySpec] {
        model.layers.flatMap { layer in
            layer.parameterSpecs.map { ArraySpec(name: "\(layer.name).\($0.name)", shape: $0.shape) }
        }
    }

    /// A copy of `model`'s parameters, laid out as ``specs(of:)``.
    public init(model: Sequential) {
        specs = Self.specs(of: model)
        values = model.parameterVector
    }

    /// A record with the same specs as `self` and every value zero.
    public func zeroed() -> ArrayRecord {
        var copy = self
        copy.values = [Float](repeating: 0, count: values.count)
        return copy
    }

    /// Replaces the values, keeping the specs.
    ///
    /// - Throws: ``RecordError/countMismatch(expected:actual:)`` when `values` has another length.
    public func with(values newValues: [Float]) throws(RecordError) -> ArrayRecord {
        guard newValues.count == values.count else { throw .countMismatch(expected: values.count, actual: newValues.count) }
        var copy = self
        copy.values = newValues
        return copy
    }

    /// The total number of scalars.
    public var count: Int { values.count }

    /// The bytes the values take as float32.
    public var byteCount: Int { values.count * MemoryLayout<Float>.size }

    /// Where each array starts in ``values``.
    public var offsets: [Int] {
        var result: [Int] = []
        result.reserveCapacity(specs.count)
        var offset = 0
        for spec in specs {
            result.append(offset)
            offset += spec.count
        }
        return result
    }

    /// The values of the array named `name`, or `nil` when there is none.
    public subscript(name: String) -> ArraySlice<Float>? {
        var offset = 0
        for spec in specs {
            if spec.name == name { return values[offset..<(offset + spec.count)] }
            offset += spec.count
        }
        return nil
    }
}
