import Foundation

extension NodePublicKey {
    /// The key as an OpenSSH public-key line without a comment (`ecdsa-sha2-nistp384 AAAA…`), the form
    /// `ssh-keygen -t ecdsa` writes and `flwr supernode register` reads.
    public var openSSHRepresentation: String {
        "\(curve.openSSHKeyType) \(Data(openSSHWireBytes).base64EncodedString())"
    }

    /// Reads an OpenSSH public-key line (`ecdsa-sha2-nistp256|384 BASE64 [comment]`).
    /// - Throws: ``KeyFormatError`` for another key type, bad base64, or a blob that disagrees with its type.
    public init(openSSH line: String) throws(KeyFormatError) {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count >= 2 else {
            throw KeyFormatError("an OpenSSH public key needs a key type and base64 data")
        }
        let type = String(fields[0])
        guard let curve = NodeKeyCurve.allCases.first(where: { $0.openSSHKeyType == type }) else {
            throw KeyFormatError("key type \(type) is not ecdsa-sha2-nistp256 or ecdsa-sha2-nistp384")
        }
        guard let blob = Data(base64Encoded: String(fields[1])) else {
            throw KeyFormatError("the \(type) key data is not valid base64")
        }
        var reader = SSHWireReader(bytes: Array(blob))
        guard let innerType = reader.string(), let curveName = reader.string(), let point = reader.string(),
              reader.isAtEnd else {
            throw KeyFormatError("the \(type) key data is truncated or has trailing bytes")
        }
        guard innerType == Array(type.utf8), curveName == Array(curve.openSSHName.utf8) else {
            throw KeyFormatError("the \(type) key data names another key type or curve")
        }
        try self.init(x963Representation: point, curve: curve)
    }

    /// The SSH wire encoding: string key type, string curve name, string point.
    var openSSHWireBytes: [UInt8] {
        var writer = SSHWireWriter()
        writer.string(Array(curve.openSSHKeyType.utf8))
        writer.string(Array(curve.openSSHName.utf8))
        writer.string(x963Representation)
        return writer.bytes
    }
}
