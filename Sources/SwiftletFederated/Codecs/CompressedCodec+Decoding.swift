extension CompressedCodec {
    /// Reads and checks the header of `bytes`, a payload expected to hold `count` elements.
    ///
    /// - Throws: ``CodecError/badMagic(codec:found:)``, ``CodecError/unsupportedVersion(codec:version:supported:)``,
    ///   ``CodecError/unknownStage(codec:id:offset:)``, ``CodecError/invalidParameter(codec:stage:reason:)``,
    ///   ``CodecError/elementCountMismatch(codec:header:expected:)`` or ``CodecError/truncated(codec:section:offset:)``.
    public static func header(of bytes: [UInt8], count: Int) throws(CodecError) -> CompressedHeader {
        let result = bytes.withUnsafeBytes { raw in Result { () throws(CodecError) in try header(raw, count: count) } }
        return try result.get()
    }

    /// Decodes a payload of `count` elements written by any pipeline.
    ///
    /// - Throws: the header's errors (see ``header(of:count:)``), ``CodecError/indexOutOfRange(codec:position:index:count:)``,
    ///   ``CodecError/invalidScale(codec:block:bits:)``, ``CodecError/lengthMismatch(codec:expected:actual:)``,
    ///   ``CodecError/trailingBytes(codec:count:)`` or ``CodecError/malformed(codec:reason:)`` (bad codes,
    ///   non-zero padding, non-canonical varints).
    public static func decode(_ bytes: [UInt8], count: Int) throws(CodecError) -> [Float] {
        let result = bytes.withUnsafeBytes { raw in Result { () throws(CodecError) in try decode(raw, count: count) } }
        return try result.get()
    }

    static func decode(_ raw: UnsafeRawBufferPointer, count: Int) throws(CodecError) -> [Float] {
        let header = try header(raw, count: count)
        var offset = header.length
        var positions: [Int]?
        switch header.kept {
        case .all: break
        case let .topK(kept, b), let .threshold(_, kept, b):
            let indices = try RiceIndexCoding.decode(UnsafeRawBufferPointer(rebasing: raw[offset...]), kept: kept, count: count,
                                                     parameter: b, codec: wireIdentifier)
            positions = indices.indices
            offset += indices.bytes
        case let .randomK(kept, seed):
            positions = RandomKSparsifier.positions(count: count, k: kept, seed: seed)
        }
        let values = header.kept.count(of: count)
        let size = header.quantizer.payloadSize(count: values)
        guard raw.count - offset >= size else {
            throw .lengthMismatch(codec: wireIdentifier, expected: offset + size, actual: raw.count)
        }
        guard raw.count - offset == size else { throw .trailingBytes(codec: wireIdentifier, count: raw.count - offset - size) }
        let payload = UnsafeRawBufferPointer(rebasing: raw[offset...])
        var output = [Float](repeating: 0, count: count)
        if let positions {
            var kept = [Float](repeating: 0, count: values)
            try kept.withUnsafeMutableBufferPointer { (k) throws(CodecError) in
                try header.quantizer.decode(payload, count: values, into: k.baseAddress!)
            }
            output.withUnsafeMutableBufferPointer { out in
                for (value, position) in zip(kept, positions) { out[position] = value }
            }
        } else {
            try output.withUnsafeMutableBufferPointer { (out) throws(CodecError) in
                try header.quantizer.decode(payload, count: count, into: out.baseAddress!)
            }
        }
        return output
    }

    static func header(_ raw: UnsafeRawBufferPointer, count: Int) throws(CodecError) -> CompressedHeader {
        let codec = wireIdentifier
        // Eight bytes per element is beyond any real model; it also keeps every size computation in range.
        guard count >= 0, count <= Int.max / 8 else {
            throw .malformed(codec: codec, reason: "element count \(count) is negative or absurd")
        }
        var reader = WireReader(codec: codec, bytes: raw)
        guard raw.count >= 2, raw[0] == CompressedWireFormat.magic[0], raw[1] == CompressedWireFormat.magic[1] else {
            throw .badMagic(codec: codec, found: Array(raw.prefix(2)))
        }
        reader.offset = 2
        let version = try reader.byte("version")
        guard version == CompressedWireFormat.version else {
            throw .unsupportedVersion(codec: codec, version: Int(version), supported: Int(CompressedWireFormat.version))
        }
        let stages = try reader.byte("stage count")
        guard stages == 1 || stages == 2 else {
            throw .invalidParameter(codec: codec, stage: "header", reason: "\(stages) stages; expected 1 (a quantizer) or 2 (a sparsifier, then a quantizer)")
        }
        var kept = CompressedHeader.Kept.all
        if stages == 2 {
            let at = reader.offset
            let id = try reader.byte("sparsifier stage")
            switch id {
            case CompressedWireFormat.Stage.topK:
                let m = try reader.varint("topk kept count", limit: count)
                kept = .topK(count: m, riceParameter: try riceParameter(&reader))
            case CompressedWireFormat.Stage.threshold:
                let bits = try reader.uint32("threshold")
                guard bits < 0x7F80_0000 else {
                    throw .invalidParameter(codec: codec, stage: "threshold", reason: "threshold \(Float(bitPattern: bits)) is not finite and ≥ 0")
                }
                let m = try reader.varint("threshold kept count", limit: count)
                kept = .threshold(Float(bitPattern: bits), count: m, riceParameter: try riceParameter(&reader))
            case CompressedWireFormat.Stage.randomK:
                let m = try reader.varint("randk kept count", limit: count)
                kept = .randomK(count: m, seed: try reader.uint64("randk seed"))
            case CompressedWireFormat.Stage.float32...CompressedWireFormat.Stage.sign:
                throw .invalidParameter(codec: codec, stage: "header", reason: "stage 1 of 2 must be a sparsifier, found quantizer id \(id)")
            default:
                throw .unknownStage(codec: codec, id: Int(id), offset: at)
            }
        }
        let quantizer = try readQuantizer(&reader)
        let elements = try reader.varint("element count", limit: Int.max / 8)
        guard elements == count else { throw .elementCountMismatch(codec: codec, header: elements, expected: count) }
        return CompressedHeader(version: Int(version), kept: kept, quantizer: quantizer, count: elements, length: reader.offset)
    }

    private static func riceParameter(_ reader: inout WireReader) throws(CodecError) -> Int {
        let b = try reader.byte("rice parameter")
        guard b <= 31 else {
            throw .invalidParameter(codec: reader.codec, stage: "index coding", reason: "Rice parameter \(b) is outside 0...31")
        }
        return Int(b)
    }

    private static func readQuantizer(_ reader: inout WireReader) throws(CodecError) -> ValueQuantizer {
        let at = reader.offset
        let id = try reader.byte("quantizer stage")
        let quantizer: ValueQuantizer
        switch id {
        case CompressedWireFormat.Stage.float32: quantizer = .float32
        case CompressedWireFormat.Stage.float16: quantizer = .float16
        case CompressedWireFormat.Stage.bfloat16: quantizer = .bfloat16
        case CompressedWireFormat.Stage.blockwise8:
            quantizer = .blockwise8(blockSize: try reader.varint("u8 block size", limit: ValueQuantizer.maxBlockSize))
        case CompressedWireFormat.Stage.qsgd:
            let bits = Int(try reader.byte("qsgd bits"))
            quantizer = .qsgd(bits: bits, bucketSize: try reader.varint("qsgd bucket size", limit: ValueQuantizer.maxBlockSize))
        case CompressedWireFormat.Stage.sign:
            quantizer = .sign(blockSize: try reader.varint("sign block size", limit: ValueQuantizer.maxBlockSize))
        case CompressedWireFormat.Stage.topK, CompressedWireFormat.Stage.threshold, CompressedWireFormat.Stage.randomK:
            throw .invalidParameter(codec: reader.codec, stage: "header", reason: "the last stage must be a quantizer, found sparsifier id \(id)")
        default:
            throw .unknownStage(codec: reader.codec, id: Int(id), offset: at)
        }
        try quantizer.validate()
        return quantizer
    }
}
