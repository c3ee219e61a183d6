import Foundation

/// One PEM block (`-----BEGIN LABEL-----` … `-----END LABEL-----`): its label and DER bytes.
///
/// Swiftlet's own codec rather than swift-crypto's, because files written by hand or by other tools wrap
/// base64 at other widths, and because Flower's public-key bytes need the exact layout `cryptography` writes
/// (64-character lines, a newline after the END line).
struct PEMBlock: Sendable, Equatable {
    /// The label, such as `PUBLIC KEY`, `PRIVATE KEY` or `EC PRIVATE KEY`.
    var label: String
    /// The decoded bytes.
    var der: [UInt8]
    /// The 1-based line of the BEGIN line in its text.
    var line: Int = 1

    /// The block as text, the way OpenSSL and `cryptography` write it: 64-character lines, trailing newline.
    var text: String {
        let body = Data(der).base64EncodedString()
        var out = "-----BEGIN \(label)-----\n"
        var index = body.startIndex
        while index < body.endIndex {
            let end = body.index(index, offsetBy: 64, limitedBy: body.endIndex) ?? body.endIndex
            out += body[index..<end] + "\n"
            index = end
        }
        return out + "-----END \(label)-----\n"
    }

    /// Every block in `text`, in order; lines outside blocks are ignored.
    /// - Throws: ``KeyFormatError`` naming the line of an unterminated block, mismatched labels or bad base64.
    static func blocks(in text: String) throws(KeyFormatError) -> [PEMBlock] {
        var blocks: [PEMBlock] = []
        var open: (label: String, line: Int, body: String)?
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            let number = offset + 1
            if let label = Self.label(of: line, marker: "BEGIN") {
                if let current = open {
                    throw KeyFormatError("line \(number): BEGIN \(label) inside the \(current.label) block opened on line \(current.line)")
                }
                open = (label, number, "")
            } else if let label = Self.label(of: line, marker: "END") {
                guard let current = open else { throw KeyFormatError("line \(number): END \(label) without a BEGIN") }
                guard current.label == label else {
                    throw KeyFormatError("line \(number): END \(label) closes the \(current.label) block opened on line \(current.line)")
                }
                guard let der = Data(base64Encoded: current.body), !der.isEmpty else {
                    throw KeyFormatError("line \(current.line): the \(label) block is not valid base64")
                }
                blocks.append(PEMBlock(label: label, der: Array(der), line: current.line))
                open = nil
            } else if open != nil {
                if line.contains(":") {
                    throw KeyFormatError("line \(number): encrypted or annotated PEM (\(line)) is not supported")
                }
                open!.body += line
            }
        }
        if let current = open {
            throw KeyFormatError("line \(current.line): the \(current.label) block has no END line")
        }
        return blocks
    }

    /// The label of a `-----BEGIN X-----` / `-----END X-----` line, or `nil` for other lines.
    private static func label(of line: String, marker: String) -> String? {
        let prefix = "-----\(marker) ", suffix = "-----"
        guard line.hasPrefix(prefix), line.hasSuffix(suffix), line.count >= prefix.count + suffix.count + 1 else { return nil }
        return String(line.dropFirst(prefix.count).dropLast(suffix.count))
    }
}
