import Foundation
import SwiftletFleetProtocol
import Testing

@Suite struct NodeKeyTests {
    @Test(arguments: NodeKeyCurve.allCases)
    func signaturesVerifyUnderTheMatchingPublicKeyOnly(curve: NodeKeyCurve) {
        let key = NodeKey.generate(curve), other = NodeKey.generate(curve)
        let message = Array("2026-11-23T19:47:09.123456+00:00".utf8)
        let signature = key.signature(for: message)
        #expect(key.curve == curve)
        #expect(key.publicKey.isValidSignature(signature, for: message))
        #expect(!other.publicKey.isValidSignature(signature, for: message))
        #expect(!key.publicKey.isValidSignature(signature, for: message + [0x20]))
    }

    @Test(arguments: NodeKeyCurve.allCases, NodeKey.PEMFormat.allCases)
    func pemRoundTripsInBothFormats(curve: NodeKeyCurve, format: NodeKey.PEMFormat) throws {
        let key = NodeKey.generate(curve)
        let pem = key.pemRepresentation(format)
        #expect(pem.hasPrefix(format == .pkcs8 ? "-----BEGIN PRIVATE KEY-----\n" : "-----BEGIN EC PRIVATE KEY-----\n"))
        let read = try NodeKey(pemRepresentation: pem)
        #expect(read.curve == curve)
        #expect(read.publicKey == key.publicKey)
    }

    @Test func writesSEC1ByteForByteAsOpenSSLDoes() throws {
        let pem = try AuthFixtures.text("p256_sec1_private.pem")
        let key = try NodeKey(pemRepresentation: pem)
        #expect(key.curve == .p256)
        #expect(key.pemRepresentation(.sec1) == pem)
        #expect(key.publicKey.pemRepresentation == (try AuthFixtures.text("p256_public.pem")))
    }

    @Test func publicKeyBytesAreFlowersPEMSerialization() throws {
        let key = try NodeKey(pemRepresentation: try AuthFixtures.text("flower_p384_private.pem"))
        #expect(key.curve == .p384)
        #expect(key.pemRepresentation(.pkcs8) == (try AuthFixtures.text("flower_p384_private.pem")))
        #expect(key.publicKey.flowerBytes == Array(try AuthFixtures.text("flower_p384_public.pem").utf8))
        #expect(try NodePublicKey(flowerBytes: key.publicKey.flowerBytes) == key.publicKey)
    }

    @Test func openSSHLineMatchesWhatCryptographyWrites() throws {
        let key = try NodeKey(pemRepresentation: try AuthFixtures.text("flower_p384_private.pem"))
        let line = try AuthFixtures.text("flower_p384.pub").trimmingCharacters(in: .newlines)
        #expect(line == key.publicKey.openSSHRepresentation + " flower-node")
        #expect(try NodePublicKey(openSSH: line) == key.publicKey)
        #expect(key.publicKey.fingerprint.hasPrefix("SHA256:"))
        #expect(key.publicKey.fingerprint.count == 50)
    }

    @Test func writesAndReadsAKeyFileReadableByItsOwnerOnly() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("swiftlet-node-\(UUID()).pem")
        defer { try? FileManager.default.removeItem(at: url) }
        let key = NodeKey.generate(.p256)
        try key.write(to: url, format: .sec1)
        let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try NodeKey(contentsOf: url).publicKey == key.publicKey)
    }

    @Test func refusesPublicKeysEncryptedKeysAndGarbage() throws {
        let publicPEM = try AuthFixtures.text("p256_public.pem")
        #expect(throws: KeyFormatError.self) { try NodeKey(pemRepresentation: publicPEM) }
        #expect(throws: KeyFormatError.self) {
            try NodeKey(pemRepresentation: "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n")
        }
        #expect(throws: KeyFormatError.self) { try NodeKey(pemRepresentation: "-----BEGIN PRIVATE KEY-----\nAAAA\n") }
        #expect(throws: KeyFormatError.self) {
            try NodeKey(pemRepresentation: "-----BEGIN PRIVATE KEY-----\nAAECAwQF\n-----END PRIVATE KEY-----\n")
        }
        let missing = URL(fileURLWithPath: "/nonexistent/node.pem")
        let error = #expect(throws: KeyFormatError.self) { try NodeKey(contentsOf: missing) }
        #expect(error?.message.contains("/nonexistent/node.pem") == true)
    }

    @Test func refusesPublicKeysOfOtherTypes() {
        #expect(throws: KeyFormatError.self) { try NodePublicKey(flowerBytes: Array("not a key".utf8)) }
        #expect(throws: KeyFormatError.self) { try NodePublicKey(derRepresentation: [0x30, 0x03, 0x02, 0x01, 0x00]) }
        // An Ed25519 OpenSSH key.
        #expect(throws: KeyFormatError.self) {
            try NodePublicKey(openSSH: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHlCqZ0sS+2m4Hb4Z3mZ0Q8YqW2L8FjH4tWc7g6gWfTH x")
        }
    }
}
