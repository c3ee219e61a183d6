import Foundation
import SwiftletFleetProtocol

/// Reads a node's private key file in any format Swiftlet and Flower write: PEM (PKCS#8 or SEC1) or OpenSSH.
public enum NodeKeyFile {
    /// The key in `path`.
    /// - Throws: ``KeyFormatError`` naming the file when it cannot be read or holds no P-256/P-384 key.
    public static func load(_ path: String) throws(KeyFormatError) -> NodeKey {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw KeyFormatError("\(path): cannot read the private key: \(error.localizedDescription)")
        }
        do {
            if text.contains("BEGIN OPENSSH PRIVATE KEY") { return try NodeKey(openSSHPrivateKey: text) }
            return try NodeKey(pemRepresentation: text)
        } catch {
            throw KeyFormatError("\(path): \(error.message)")
        }
    }
}
