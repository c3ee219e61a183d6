extension NpyArray {
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]

    /// The header dictionary exactly as numpy writes it, without padding.
    var headerDictionary: String {
        let order = bigEndian ? ">" : "<"
        let shapeText: String
        switch shape.count {
        case 0: shapeText = "()"
        case 1: shapeText = "(\(shape[0]),)"
        default: shapeText = "(" + shape.map(String.init).joined(separator: ", ") + ")"
        }
        return "{'descr': '\(order)\(dtype.code)', 'fortran_order': False, 'shape': \(shapeText), }"
    }

    /// The complete `.npy` file, byte for byte as `numpy.save` writes it.
    ///
    /// Like numpy: room for the first dimension to grow to 21 digits, a newline, space padding to a multiple
    /// of 64 bytes, format 1.0 unless the header needs more than 65535 bytes (then 2.0).
    public var encoded: [UInt8] {
        var header = headerDictionary
        if let first = shape.first { header += String(repeating: " ", count: max(0, 21 - String(first).count)) }
        var headerBytes = Array(header.utf8)
        var prefix = 10
        var padding = 64 - (prefix + headerBytes.count + 1) % 64
        if padding == 64 { padding = 0 }
        if headerBytes.count + 1 + padding > 65535 {
            prefix = 12
            padding = 64 - (prefix + headerBytes.count + 1) % 64
            if padding == 64 { padding = 0 }
        }
        headerBytes += [UInt8](repeating: 0x20, count: padding)
        headerBytes.append(0x0A)
        var out = Self.magic
        out.reserveCapacity(prefix + headerBytes.count + elements.count * dtype.size)
        if prefix == 10 {
            out += [1, 0, UInt8(headerBytes.count & 0xFF), UInt8(headerBytes.count >> 8)]
        } else {
            let n = UInt32(headerBytes.count)
            out += [2, 0, UInt8(n & 0xFF), UInt8((n >> 8) & 0xFF), UInt8((n >> 16) & 0xFF), UInt8(n >> 24)]
        }
        out += headerBytes
        switch elements {
        case .float32(let v): for x in v { Self.append(x.bitPattern, bigEndian, &out) }
        case .float64(let v): for x in v { Self.append(x.bitPattern, bigEndian, &out) }
        case .int32(let v): for x in v { Self.append(UInt32(bitPattern: x), bigEndian, &out) }
        case .int64(let v): for x in v { Self.append(UInt64(bitPattern: x), bigEndian, &out) }
        }
        return out
    }

    private static func append<T: FixedWidthInteger>(_ value: T, _ bigEndian: Bool, _ out: inout [UInt8]) {
        let ordered = bigEndian ? value.bigEndian : value.littleEndian
        withUnsafeBytes(of: ordered) { out.append(contentsOf: $0) }
    }
}
