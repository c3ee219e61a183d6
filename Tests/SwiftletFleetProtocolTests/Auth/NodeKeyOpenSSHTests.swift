import Foundation
import SwiftletFleetProtocol
import Testing

@Suite struct NodeKeyOpenSSHTests {
    @Test func readsAnOpenSSHPrivateKeyAsSSHKeygenWritesIt() throws {
        let key = try NodeKey(contentsOf: try AuthFixtures.url("p256_openssh_private"))
        let line = try AuthFixtures.text("p256_openssh_private.pub")
        #expect(key.curve == .p256)
        #expect(key.publicKey == (try NodePublicKey(openSSH: line)))
    }

    @Test(arguments: NodeKeyCurve.allCases)
    func openSSHPrivateKeyRoundTrips(curve: NodeKeyCurve) throws {
        let key = NodeKey.generate(curve)
        let text = key.openSSHPrivateKey(comment: "node-3")
        #expect(text.hasPrefix("-----BEGIN OPENSSH PRIVATE KEY-----\n"))
        let read = try NodeKey(pemRepresentation: text)
        #expect(read.publicKey == key.publicKey)
        let message = Array("x".utf8)
        #expect(key.publicKey.isValidSignature(read.signature(for: message), for: message))
    }

    @Test func refusesAnEncryptedOpenSSHKey() throws {
        // The fixture with its cipher name rewritten from "none" to "aes256-ctr"-style text of equal length.
        let text = try AuthFixtures.text("p256_openssh_private")
        let block = text.split(separator: "\n").dropFirst().dropLast().joined()
        var bytes = Array(try #require(Data(base64Encoded: block)))
        let none = Array("none".utf8)
        let at = try #require((0..<bytes.count - 4).first { Array(bytes[$0..<$0 + 4]) == none })
        bytes.replaceSubrange(at..<at + 4, with: Array("aes1".utf8))
        let tampered = "-----BEGIN OPENSSH PRIVATE KEY-----\n\(Data(bytes).base64EncodedString())\n-----END OPENSSH PRIVATE KEY-----\n"
        let error = #expect(throws: KeyFormatError.self) { try NodeKey(pemRepresentation: tampered) }
        #expect(error?.message.contains("encrypted OpenSSH") == true)
    }

    @Test func fingerprintMatchesSSHKeygen() throws {
        let key = try NodePublicKey(openSSH: try AuthFixtures.text("flower_p384.pub"))
        let expected = try AuthFixtures.text("flower_p384.fingerprint").trimmingCharacters(in: .newlines)
        #expect(key.fingerprint == expected)
    }
}
