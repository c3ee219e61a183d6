/// A table-driven canonical Huffman decoder for one DEFLATE alphabet (RFC 1951 §3.2.2).
///
/// DEFLATE packs Huffman codes most-significant bit first into a least-significant-bit-first stream, so
/// indexing a table by the next `primaryBits` stream bits (the code bit-reversed) finds any code of up to
/// `primaryBits` bits in one lookup. Longer codes (rare) go through a second-level subtable selected by
/// their first `primaryBits` bits: the two-level scheme keeps tables small enough to stay in L1 cache while
/// decoding a symbol costs one or two loads and no loop over bits.
///
/// Each entry packs what decoding needs without a second lookup (see ``Entry``).
final class HuffmanTable {
    /// Packed table entries: bits 0–4 the number of stream bits the code occupies (for a link, the
    /// subtable's index width), bits 5–7 the ``Kind``, bits 8–12 the extra-bit count of a length or
    /// distance, bits 16–31 the value (a literal byte, a base length/distance, or a subtable offset).
    enum Entry {
        static func make(bits: Int, kind: Kind, extra: Int = 0, value: Int) -> UInt32 {
            UInt32(bits) | UInt32(kind.rawValue) << 5 | UInt32(extra) << 8 | UInt32(value) << 16
        }
    }

    /// What an entry decodes to.
    enum Kind: UInt8 {
        case literal = 0, lengthOrDistance = 1, endOfBlock = 2, link = 3, invalid = 4
    }

    /// Which alphabet a table decodes, which fixes how symbols map to entries.
    enum Alphabet {
        case literalLength, distance, codeLength
    }

    let primaryBits: Int
    let entries: UnsafeMutablePointer<UInt32>
    private let capacity: Int
    private let codes: UnsafeMutablePointer<UInt16>
    private let longestForPrefix: UnsafeMutablePointer<UInt8>

    /// Creates an empty table for alphabets of up to `maxSymbols` symbols.
    init(primaryBits: Int, maxSymbols: Int) {
        self.primaryBits = primaryBits
        // Every subtable hangs off a distinct long code and has at most 2^(15 − primaryBits) entries.
        capacity = (1 << primaryBits) + maxSymbols << max(0, 15 - primaryBits)
        entries = .allocate(capacity: capacity)
        codes = .allocate(capacity: maxSymbols)
        longestForPrefix = .allocate(capacity: 1 << primaryBits)
    }

    deinit {
        entries.deallocate()
        codes.deallocate()
        longestForPrefix.deallocate()
    }

    static let lengthBases: [UInt16] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
                                        67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtraBits: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
                                           4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBases: [UInt16] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385,
                                          513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtraBits: [UInt8] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8,
                                             9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    /// The entry for `symbol` of `alphabet` whose code is `bits` long.
    private static func entry(for symbol: Int, bits: Int, alphabet: Alphabet) -> UInt32 {
        switch alphabet {
        case .codeLength:
            return Entry.make(bits: bits, kind: .literal, value: symbol)
        case .literalLength:
            if symbol < 256 { return Entry.make(bits: bits, kind: .literal, value: symbol) }
            if symbol == 256 { return Entry.make(bits: bits, kind: .endOfBlock, value: 0) }
            let index = symbol - 257
            // Symbols 286 and 287 take part in the fixed code but never appear in valid data.
            guard index < lengthBases.count else { return Entry.make(bits: bits, kind: .invalid, value: 0) }
            return Entry.make(bits: bits, kind: .lengthOrDistance, extra: Int(lengthExtraBits[index]),
                              value: Int(lengthBases[index]))
        case .distance:
            guard symbol < distanceBases.count else { return Entry.make(bits: bits, kind: .invalid, value: 0) }
            return Entry.make(bits: bits, kind: .lengthOrDistance, extra: Int(distanceExtraBits[symbol]),
                              value: Int(distanceBases[symbol]))
        }
    }

    /// Rebuilds the table from per-symbol code lengths (0 = unused), or returns why they are unusable.
    ///
    /// Over-subscribed lengths are always rejected. An incomplete code is accepted only when it has a single
    /// one-bit code, or none at all (RFC 1951 §3.2.7 allows one distance code; zlib accepts the same set);
    /// unused table slots decode as ``Kind/invalid``.
    func build(lengths: UnsafePointer<UInt8>, count: Int, alphabet: Alphabet) -> String? {
        var lengthCounts = [Int](repeating: 0, count: 16)
        for symbol in 0..<count { lengthCounts[Int(lengths[symbol])] += 1 }
        lengthCounts[0] = 0
        var left = 1
        for bits in 1...15 {
            left = left << 1 - lengthCounts[bits]
            if left < 0 { return "over-subscribed: more codes of length \(bits) than the shorter codes leave room for" }
        }
        let used = lengthCounts.reduce(0, +)
        if left > 0 && used > 0 && !(used == 1 && lengthCounts[1] == 1) {
            return "incomplete code (\(used) codes leave gaps)"
        }

        // Canonical codes: shorter codes first, ties broken by symbol order (RFC 1951 §3.2.2).
        var nextCode = [Int](repeating: 0, count: 16)
        var code = 0
        for bits in 1...15 {
            code = (code + lengthCounts[bits - 1]) << 1
            nextCode[bits] = code
        }
        let primarySize = 1 << primaryBits
        let primaryMask = primarySize - 1
        let invalid = Entry.make(bits: 0, kind: .invalid, value: 0)
        entries.update(repeating: invalid, count: primarySize)
        longestForPrefix.update(repeating: 0, count: primarySize)
        for symbol in 0..<count {
            let bits = Int(lengths[symbol])
            guard bits > 0 else { continue }
            let reversed = Self.reverse(nextCode[bits], bits: bits)
            nextCode[bits] += 1
            codes[symbol] = UInt16(reversed)
            if bits > primaryBits {
                let prefix = reversed & primaryMask
                longestForPrefix[prefix] = max(longestForPrefix[prefix], UInt8(bits))
            }
        }

        // Lay out one subtable per prefix shared by long codes, sized for the longest of them.
        var next = primarySize
        for prefix in 0..<primarySize where longestForPrefix[prefix] > 0 {
            let subBits = Int(longestForPrefix[prefix]) - primaryBits
            precondition(next + 1 << subBits <= capacity, "Huffman subtables exceed their bound")
            entries[prefix] = Entry.make(bits: subBits, kind: .link, value: next)
            (entries + next).update(repeating: invalid, count: 1 << subBits)
            next += 1 << subBits
        }

        // Replicate each code into every slot whose low bits match it.
        for symbol in 0..<count {
            let bits = Int(lengths[symbol])
            guard bits > 0 else { continue }
            let reversed = Int(codes[symbol])
            let value = Self.entry(for: symbol, bits: bits, alphabet: alphabet)
            if bits <= primaryBits {
                var slot = reversed
                while slot < primarySize {
                    entries[slot] = value
                    slot += 1 << bits
                }
            } else {
                let link = entries[reversed & primaryMask]
                let offset = Int(link >> 16)
                let subBits = Int(link & 31)
                let restBits = bits - primaryBits
                var slot = reversed >> primaryBits
                while slot < 1 << subBits {
                    entries[offset + slot] = value
                    slot += 1 << restBits
                }
            }
        }
        return nil
    }

    /// `code`'s low `bits` bits in reverse order.
    private static func reverse(_ code: Int, bits: Int) -> Int {
        var result = 0
        var code = code
        for _ in 0..<bits {
            result = result << 1 | code & 1
            code >>= 1
        }
        return result
    }
}
