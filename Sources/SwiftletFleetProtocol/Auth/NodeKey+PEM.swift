import Crypto
import Foundation

extension NodeKey {
    /// The PEM formats a private key is written in.
    public enum PEMFormat: String, Sendable, CaseIterable {
        /// PKCS#8, `-----BEGIN PRIVATE KEY-----` (Flower's `private_key_to_bytes`).
        case pkcs8
        /// SEC1, `-----BEGIN EC PRIVATE KEY-----` (OpenSSL's "traditional" EC format).
        case sec1
    }

    /// The key as PEM in `format`, with a trailing newline.
    public func pemRepresentation(_ format: PEMFormat = .pkcs8) -> String {
        switch format {
        case .pkcs8:
            let der: Data = switch storage {
            case .p256(let key): key.derRepresentation
            case .p384(let key): key.derRepresentation
            }
            return PEMBlock(label: "PRIVATE KEY", der: Array(der)).text
        case .sec1:
            return PEMBlock(label: "EC PRIVATE KEY", der: sec1DER).text
        }
    }

    /// Reads a key from a PEM `PRIVATE KEY` (PKCS#8), `EC PRIVATE KEY` (SEC1) or unencrypted
    /// `OPENSSH PRIVATE KEY` block, P-256 or P-384.
    ///
    /// Other blocks (such as the `EC PARAMETERS` block `openssl ecparam` writes first) are ignored.
    /// - Throws: ``KeyFormatError`` for no private-key block, an encrypted key, or another curve.
    public init(pemRepresentation text: String) throws(KeyFormatError) {
        let blocks = try PEMBlock.blocks(in: text)
        if blocks.contains(where: { $0.label == "OPENSSH PRIVATE KEY" }) {
            try self.init(openSSHPrivateKey: text)
            return
        }
        if blocks.contains(where: { $0.label == "ENCRYPTED PRIVATE KEY" }) {
            throw KeyFormatError("encrypted private keys are not supported; decrypt it with openssl pkcs8 first")
        }
        let keys = blocks.filter { $0.label == "PRIVATE KEY" || $0.label == "EC PRIVATE KEY" }
        guard keys.count == 1, let block = keys.first else {
            throw KeyFormatError("expected one PRIVATE KEY or EC PRIVATE KEY PEM block, found \(keys.count)")
        }
        // The scalar's length tells the curves apart; swift-crypto checks the structure.
        if let key = try? P256.Signing.PrivateKey(derRepresentation: block.der) {
            self.init(storage: .p256(key))
        } else if let key = try? P384.Signing.PrivateKey(derRepresentation: block.der) {
            self.init(storage: .p384(key))
        } else {
            throw KeyFormatError("the \(block.label) block (line \(block.line)) is not a P-256 or P-384 EC private key")
        }
    }

    /// Reads a key from a PEM file.
    /// - Throws: ``KeyFormatError`` naming the file when it cannot be read or holds no usable key.
    public init(contentsOf url: URL) throws(KeyFormatError) {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw KeyFormatError("\(url.path): cannot read the private key: \(error.localizedDescription)")
        }
        do { try self.init(pemRepresentation: text) } catch {
            throw KeyFormatError("\(url.path): \(error.message)")
        }
    }

    /// Writes the key as PEM to `url`, readable by its owner only (mode 0600).
    /// - Throws: ``KeyFormatError`` naming the file when it cannot be written.
    public func write(to url: URL, format: PEMFormat = .pkcs8) throws(KeyFormatError) {
        let manager = FileManager.default
        let data = Data(pemRepresentation(format).utf8)
        guard manager.createFile(atPath: url.path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw KeyFormatError("\(url.path): cannot write the private key")
        }
        // createFile keeps an existing file's mode; a key must not stay world-readable.
        do { try manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path) } catch {
            throw KeyFormatError("\(url.path): cannot restrict the private key's permissions: \(error.localizedDescription)")
        }
    }

    /// SEC1 `ECPrivateKey`: version 1, the scalar, the named curve, the public point.
    private var sec1DER: [UInt8] {
        let point = publicKey.x963Representation
        var body = DER.element(0x02, [0x01])
        body += DER.element(0x04, scalar)
        body += DER.element(0xA0, curve.oidDER)
        body += DER.element(0xA1, DER.element(0x03, [0x00] + point))
        return DER.element(0x30, body)
    }
}

/// Just enough DER to write a SEC1 key (definite lengths up to 65535).
private enum DER {
    static func element(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        let count = content.count
        let length: [UInt8] = count < 0x80 ? [UInt8(count)]
            : count < 0x100 ? [0x81, UInt8(count)]
            : [0x82, UInt8(count >> 8), UInt8(count & 0xFF)]
        return [tag] + length + content
    }
}
