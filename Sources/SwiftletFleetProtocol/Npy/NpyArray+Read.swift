extension NpyArray {
    /// Reads a `.npy` file (format 1.0 or 2.0) of float32, float64, int32 or int64 values in C order.
    ///
    /// Everything else — another magic, version or dtype, Fortran order, a header that is not numpy's
    /// dictionary, data longer or shorter than the shape needs — is an ``NpyError``.
    public init(npy bytes: [UInt8]) throws(NpyError) {
        guard bytes.count >= 8, Array(bytes[0..<6]) == Self.magic else {
            if !bytes.isEmpty, bytes.count < 8, Self.magic.starts(with: bytes.prefix(6)) {
                throw NpyError.truncatedHeader(needed: 8, available: bytes.count)
            }
            throw NpyError.badMagic
        }
        let (major, minor) = (bytes[6], bytes[7])
        let headerLength: Int
        let headerStart: Int
        switch (major, minor) {
        case (1, 0):
            guard bytes.count >= 10 else { throw .truncatedHeader(needed: 10, available: bytes.count) }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case (2, 0):
            guard bytes.count >= 12 else { throw .truncatedHeader(needed: 12, available: bytes.count) }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        default: throw .unsupportedVersion(major: major, minor: minor)
        }
        guard bytes.count - headerStart >= headerLength else {
            throw .truncatedHeader(needed: headerStart + headerLength, available: bytes.count)
        }
        guard let text = String(validating: bytes[headerStart..<(headerStart + headerLength)], as: UTF8.self) else {
            throw .malformedHeader("not UTF-8 text")
        }
        let header = try NpyHeaderParser.parse(text)
        let descr = header.descr
        guard descr.count == 3, let order = descr.first, "<>|=".contains(order),
              let dtype = DType.allCases.first(where: { $0.code == String(descr.dropFirst()) }), order != "|" else {
            throw .unsupportedDType(descr)
        }
        guard !header.fortranOrder else { throw .fortranOrder }
        let count = try Self.elementCount(header.shape)
        let dataStart = headerStart + headerLength
        let expected = count * dtype.size
        guard bytes.count - dataStart == expected else { throw .byteCountMismatch(expected: expected, actual: bytes.count - dataStart) }
        let big = order == ">"
        let data = bytes[dataStart...]
        let elements: Elements
        switch dtype {
        case .float32: elements = .float32(Self.read(data, count, big).map { (x: UInt32) in Float(bitPattern: x) })
        case .float64: elements = .float64(Self.read(data, count, big).map { (x: UInt64) in Double(bitPattern: x) })
        case .int32: elements = .int32(Self.read(data, count, big).map { (x: UInt32) in Int32(bitPattern: x) })
        case .int64: elements = .int64(Self.read(data, count, big).map { (x: UInt64) in Int64(bitPattern: x) })
        }
        try self.init(shape: header.shape, elements: elements, bigEndian: big)
    }

    private static func read<T: FixedWidthInteger>(_ data: ArraySlice<UInt8>, _ count: Int, _ bigEndian: Bool) -> [T] {
        let size = MemoryLayout<T>.size
        var values = [T]()
        values.reserveCapacity(count)
        var index = data.startIndex
        for _ in 0..<count {
            var value: T = 0
            for offset in 0..<size {
                let byte = T(data[index + offset])
                value |= bigEndian ? byte << ((size - 1 - offset) * 8) : byte << (offset * 8)
            }
            values.append(value)
            index += size
        }
        return values
    }
}

/// Reads numpy's header dictionary: `{'descr': …, 'fortran_order': …, 'shape': (…), }` in any key order.
enum NpyHeaderParser {
    struct Header {
        var descr: String
        var fortranOrder: Bool
        var shape: [Int]
    }

    static func parse(_ text: String) throws(NpyError) -> Header {
        var chars = Substring(text.trimmingSpaces)
        guard chars.first == "{", chars.last == "}" else { throw .malformedHeader("expected a {…} dictionary") }
        chars = chars.dropFirst().dropLast()
        var descr: String?
        var fortran: Bool?
        var shape: [Int]?
        while true {
            chars = chars.drop { $0 == " " }
            if chars.isEmpty { break }
            guard chars.first == "'", let close = chars.dropFirst().firstIndex(of: "'") else { throw .malformedHeader("expected a quoted key") }
            let key = String(chars[chars.index(after: chars.startIndex)..<close])
            chars = chars[chars.index(after: close)...].drop { $0 == " " }
            guard chars.first == ":" else { throw .malformedHeader("expected ':' after '\(key)'") }
            chars = chars.dropFirst().drop { $0 == " " }
            switch key {
            case "descr":
                guard chars.first == "'", let close = chars.dropFirst().firstIndex(of: "'") else {
                    throw .malformedHeader("descr must be a quoted string (structured dtypes are not supported)")
                }
                descr = String(chars[chars.index(after: chars.startIndex)..<close])
                chars = chars[chars.index(after: close)...]
            case "fortran_order":
                if chars.hasPrefix("True") { fortran = true; chars = chars.dropFirst(4) }
                else if chars.hasPrefix("False") { fortran = false; chars = chars.dropFirst(5) }
                else { throw .malformedHeader("fortran_order must be True or False") }
            case "shape":
                guard chars.first == "(", let close = chars.firstIndex(of: ")") else { throw .malformedHeader("shape must be a tuple") }
                let inner = chars[chars.index(after: chars.startIndex)..<close]
                var dims: [Int] = []
                for part in inner.split(separator: ",", omittingEmptySubsequences: false) {
                    let trimmed = part.trimmingSpaces
                    if trimmed.isEmpty { continue }
                    guard trimmed.allSatisfy(\.isASCII), let value = Int(trimmed), value >= 0 else {
                        throw .malformedHeader("shape entry '\(trimmed)' is not a non-negative integer")
                    }
                    dims.append(value)
                }
                shape = dims
                chars = chars[chars.index(after: close)...]
            default: throw .malformedHeader("unexpected key '\(key)'")
            }
            chars = chars.drop { $0 == " " }
            if chars.first == "," { chars = chars.dropFirst() } else if !chars.isEmpty { throw .malformedHeader("expected ',' after '\(key)'") }
        }
        guard let descr, let fortran, let shape else { throw .malformedHeader("descr, fortran_order and shape are required") }
        return Header(descr: descr, fortranOrder: fortran, shape: shape)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and newlines.
    var trimmingSpaces: Substring {
        let s = Substring(self)
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" }
        guard let first = s.firstIndex(where: { !isSpace($0) }), let last = s.lastIndex(where: { !isSpace($0) }) else { return "" }
        return s[first...last]
    }
}
