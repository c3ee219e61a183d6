extension InflateStream {
    /// The order in which a dynamic block lists the code-length code's lengths (RFC 1951 §3.2.7).
    private static let codeLengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// Reads a dynamic block's code definitions (RFC 1951 §3.2.7) and builds both tables from them.
    mutating func readDynamicTables(literalLength: HuffmanTable, distance: HuffmanTable) throws(GzipError) {
        let headerOffset = offset
        let literalCount = try readBits(5) + 257
        let distanceCount = try readBits(5) + 1
        let codeLengthCount = try readBits(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else {
            throw GzipError(.invalidCodeLengths(
                offset: headerOffset, detail: "\(literalCount) literal/length and \(distanceCount) distance codes (at most 286 and 30)"))
        }
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 320) { (lengths) throws(GzipError) in
            lengths.initialize(repeating: 0)
            for index in 0..<codeLengthCount {
                lengths[Self.codeLengthOrder[index]] = UInt8(try readBits(3))
            }
            let codeLengthTable = HuffmanTable(primaryBits: 7, maxSymbols: 19)
            if let problem = codeLengthTable.build(lengths: lengths.baseAddress!, count: 19, alphabet: .codeLength) {
                throw GzipError(.invalidCodeLengths(offset: headerOffset, detail: "code-length code is " + problem))
            }
            lengths[0..<19].update(repeating: 0)

            // Literal/length and distance lengths form one run-length coded sequence.
            let total = literalCount + distanceCount
            var index = 0
            while index < total {
                let symbol = Int(try readSymbol(codeLengthTable) >> 16)
                var repeatCount = 1
                var value: UInt8 = 0
                switch symbol {
                case 0...15:
                    value = UInt8(symbol)
                case 16:
                    guard index > 0 else {
                        throw GzipError(.invalidCodeLengths(offset: offset, detail: "repeat code 16 with no previous length"))
                    }
                    value = lengths[index - 1]
                    repeatCount = 3 + (try readBits(2))
                case 17:
                    repeatCount = 3 + (try readBits(3))
                default:
                    repeatCount = 11 + (try readBits(7))
                }
                guard index + repeatCount <= total else {
                    throw GzipError(.invalidCodeLengths(offset: offset, detail: "run of lengths overflows the \(total) codes"))
                }
                lengths[index..<(index + repeatCount)].update(repeating: value)
                index += repeatCount
            }
            guard lengths[256] > 0 else {
                throw GzipError(.invalidCodeLengths(offset: headerOffset, detail: "no code for end-of-block"))
            }
            if let problem = literalLength.build(lengths: lengths.baseAddress!, count: literalCount, alphabet: .literalLength) {
                throw GzipError(.invalidCodeLengths(offset: headerOffset, detail: "literal/length code is " + problem))
            }
            if let problem = distance.build(lengths: lengths.baseAddress! + literalCount, count: distanceCount, alphabet: .distance) {
                throw GzipError(.invalidCodeLengths(offset: headerOffset, detail: "distance code is " + problem))
            }
        }
    }

    /// Decodes literals and back-references until the end-of-block symbol: the hot loop of inflation.
    ///
    /// State lives in locals so it stays in registers; with ≥ 48 bits buffered, one symbol's code (≤ 15),
    /// length extra bits (≤ 5), distance code (≤ 15) and distance extra bits (≤ 13) need no refill.
    mutating func decodeCompressedBlock(literalLength: HuffmanTable, distance: HuffmanTable) throws(GzipError) {
        let literalTable = literalLength.entries
        let distanceTable = distance.entries
        let literalMask: UInt64 = (1 << UInt64(Self.literalLengthBits)) - 1
        let distanceMask: UInt64 = (1 << UInt64(Self.distanceBits)) - 1
        let linkKind = UInt32(HuffmanTable.Kind.link.rawValue)
        var out = output.base
        var outCount = output.count
        var outCapacity = output.capacity
        defer { output.count = outCount }

        while true {
            if bitCount < 48 { refill() }
            if outCount + OutputBuffer.slack > outCapacity {
                output.count = outCount
                try output.reserve(OutputBuffer.slack)
                out = output.base
                outCapacity = output.capacity
            }
            var entry = literalTable[Int(bitBuffer & literalMask)]
            if (entry >> 5) & 7 == linkKind {
                let sub = (bitBuffer >> UInt64(Self.literalLengthBits)) & ((1 << UInt64(entry & 31)) - 1)
                entry = literalTable[Int(entry >> 16) + Int(sub)]
            }
            let codeBits = Int(entry & 31)
            switch (entry >> 5) & 7 {
            case 0:  // literal
                guard codeBits <= bitCount else { throw GzipError(.truncatedData) }
                bitBuffer >>= UInt64(codeBits)
                bitCount -= codeBits
                out[outCount] = UInt8(truncatingIfNeeded: entry >> 16)
                outCount += 1
            case 1:  // length, then a distance
                let extra = Int((entry >> 8) & 31)
                guard codeBits + extra <= bitCount else { throw GzipError(.truncatedData) }
                bitBuffer >>= UInt64(codeBits)
                let length = Int(entry >> 16) + Int(bitBuffer & ((1 << UInt64(extra)) - 1))
                bitBuffer >>= UInt64(extra)
                bitCount -= codeBits + extra

                var distanceEntry = distanceTable[Int(bitBuffer & distanceMask)]
                if (distanceEntry >> 5) & 7 == linkKind {
                    let sub = (bitBuffer >> UInt64(Self.distanceBits)) & ((1 << UInt64(distanceEntry & 31)) - 1)
                    distanceEntry = distanceTable[Int(distanceEntry >> 16) + Int(sub)]
                }
                guard (distanceEntry >> 5) & 7 == 1 else { throw invalidCode(distanceEntry) }
                let distanceBits = Int(distanceEntry & 31)
                let distanceExtra = Int((distanceEntry >> 8) & 31)
                guard distanceBits + distanceExtra <= bitCount else { throw GzipError(.truncatedData) }
                bitBuffer >>= UInt64(distanceBits)
                let distance = Int(distanceEntry >> 16) + Int(bitBuffer & ((1 << UInt64(distanceExtra)) - 1))
                bitBuffer >>= UInt64(distanceExtra)
                bitCount -= distanceBits + distanceExtra

                guard distance <= outCount - windowStart else {
                    throw GzipError(.distanceTooFarBack(offset: offset, distance: distance, available: outCount - windowStart))
                }
                copyMatch(out + outCount, distance: distance, length: length)
                outCount += length
            case 2:  // end of block
                guard codeBits <= bitCount else { throw GzipError(.truncatedData) }
                bitBuffer >>= UInt64(codeBits)
                bitCount -= codeBits
                return
            default:
                throw invalidCode(entry)
            }
        }
    }

    /// Copies `length` bytes from `distance` bytes back to `destination`; the regions may overlap.
    ///
    /// With `distance ≥ 8` every 8-byte chunk reads bytes already written, so wide copies are exact and may
    /// run up to 7 bytes past the end (into ``OutputBuffer/slack``). Shorter distances repeat a pattern.
    @inline(__always)
    private func copyMatch(_ destination: UnsafeMutablePointer<UInt8>, distance: Int, length: Int) {
        let source = destination - distance
        if distance >= 8 {
            var copied = 0
            while copied < length {
                let word = UnsafeRawPointer(source + copied).loadUnaligned(as: UInt64.self)
                UnsafeMutableRawPointer(destination + copied).storeBytes(of: word, as: UInt64.self)
                copied += 8
            }
        } else if distance == 1 {
            destination.update(repeating: source.pointee, count: length)
        } else {
            for index in 0..<length { destination[index] = source[index] }
        }
    }
}
