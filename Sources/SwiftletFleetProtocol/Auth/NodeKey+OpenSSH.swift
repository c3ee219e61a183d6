import Foundation

extension NodeKey {
    private static let openSSHMagic = Array("openssh-key-v1".utf8) + [0]

    /// The key as an unencrypted OpenSSH private key (`-----BEGIN OPENSSH PRIVATE KEY-----`), the form
    /// `ssh-keygen -t ecdsa -N ""` writes and Flower's SuperNode reads with `--auth-supernode-private-key`.
    public func openSSHPrivateKey(comment: String = "") -> String {
        let wire = publicKey.openSSHWireBytes
        var secret = SSHWireWriter()
        // Two equal check words; only encrypted keys need them to be unpredictable, but they cost nothing.
        let check = UInt32.random(in: .min ... .max)
        secret.uint32(check)
        secret.uint32(check)
        secret.string(Array(curve.openSSHKeyType.utf8))
        secret.string(Array(curve.openSSHName.utf8))
        secret.string(publicKey.x963Representation)
        secret.mpint(scalar)
        secret.string(Array(comment.utf8))
        var pad: UInt8 = 1
        while secret.bytes.count % 8 != 0 {
            secret.bytes.append(pad)
            pad += 1
        }
        var file = SSHWireWriter(bytes: Self.openSSHMagic)
        file.string(Array("none".utf8))
        file.string(Array("none".utf8))
        file.string([])
        file.uint32(1)
        file.string(wire)
        file.string(secret.bytes)
        return PEMBlock(label: "OPENSSH PRIVATE KEY", der: file.bytes).text
    }

    /// Reads an unencrypted OpenSSH ECDSA private key (P-256 or P-384).
    /// - Throws: ``KeyFormatError`` for an encrypted key, another key type, or a damaged file.
    public init(openSSHPrivateKey text: String) throws(KeyFormatError) {
        let blocks = try PEMBlock.blocks(in: text).filter { $0.label == "OPENSSH PRIVATE KEY" }
        guard blocks.count == 1, let block = blocks.first else {
            throw KeyFormatError("expected one OPENSSH PRIVATE KEY PEM block, found \(blocks.count)")
        }
        var file = SSHWireReader(bytes: block.der)
        guard file.skip(Self.openSSHMagic) else { throw KeyFormatError("not an openssh-key-v1 file") }
        guard let cipher = file.string(), let kdf = file.string(), file.string() != nil, let count = file.uint32(),
              let wire = file.string(), let secretBytes = file.string(), file.isAtEnd else {
            throw KeyFormatError("the OpenSSH private key is truncated")
        }
        guard cipher == Array("none".utf8), kdf == Array("none".utf8) else {
            throw KeyFormatError("encrypted OpenSSH private keys are not supported; remove the passphrase with ssh-keygen -p")
        }
        guard count == 1 else { throw KeyFormatError("the OpenSSH file holds \(count) keys; expected 1") }
        var secret = SSHWireReader(bytes: secretBytes)
        guard let check1 = secret.uint32(), let check2 = secret.uint32(), check1 == check2 else {
            throw KeyFormatError("the OpenSSH private key's check words differ (damaged file)")
        }
        guard let type = secret.string(), let curveName = secret.string(), let point = secret.string(),
              let magnitude = secret.string(), secret.string() != nil else {
            throw KeyFormatError("the OpenSSH private key section is truncated")
        }
        let typeName = String(decoding: type, as: UTF8.self)
        guard let curve = NodeKeyCurve.allCases.first(where: { $0.openSSHKeyType == typeName }),
              curveName == Array(curve.openSSHName.utf8) else {
            throw KeyFormatError("key type \(typeName) is not ecdsa-sha2-nistp256 or ecdsa-sha2-nistp384")
        }
        let digits = Array(magnitude.drop(while: { $0 == 0 }))
        guard digits.count <= curve.coordinateSize else {
            throw KeyFormatError("the OpenSSH private scalar is longer than a \(curve) key")
        }
        try self.init(scalar: [UInt8](repeating: 0, count: curve.coordinateSize - digits.count) + digits, curve: curve)
        guard publicKey.x963Representation == point, publicKey.openSSHWireBytes == wire else {
            throw KeyFormatError("the OpenSSH private key does not match its public key")
        }
    }
}
