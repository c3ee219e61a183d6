extension SafetensorsFile {
    /// The file's bytes: every tensor as little-endian F32 in ``tensors`` order, metadata keys sorted, and
    /// the JSON header padded with spaces to a multiple of 8 bytes so the data section starts aligned.
    public func encoded() -> [UInt8] {
        var header = "{"
        var first = true
        func separator() {
            if !first { header += "," }
            first = false
        }
        if !metadata.isEmpty {
            separator()
            header += "\"__metadata__\":{"
            header += metadata.keys.sorted().map { "\(Self.jsonString($0)):\(Self.jsonString(metadata[$0]!))" }.joined(separator: ",")
            header += "}"
        }
        var offset = 0
        for tensor in tensors {
            separator()
            let end = offset + tensor.scalars.count * 4
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            header += "\(Self.jsonString(tensor.name)):{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}"
            offset = end
        }
        header += "}"
        var headerBytes = Array(header.utf8)
        while headerBytes.count % 8 != 0 { headerBytes.append(0x20) }

        var bytes = [UInt8](repeating: 0, count: 8 + headerBytes.count + offset)
        bytes.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: UInt64(headerBytes.count).littleEndian, toByteOffset: 0, as: UInt64.self)
            raw.baseAddress!.advanced(by: 8).copyMemory(from: headerBytes, byteCount: headerBytes.count)
            var position = 8 + headerBytes.count
            for tensor in tensors {
                for value in tensor.scalars {
                    raw.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: position, as: UInt32.self)
                    position += 4
                }
            }
        }
        return bytes
    }

    /// A JSON string literal for `text`, escaping quotes, backslashes and control characters (RFC 8259 §7).
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
