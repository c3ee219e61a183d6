import Foundation
import SwiftletFleetProtocol
import Testing

@Suite struct AuthorizedKeysTests {
    @Test func readsEveryFormInOneFile() throws {
        let list = try AuthorizedKeys(contentsOf: try AuthFixtures.url("authorized_keys.txt"))
        // One OpenSSH line, two CSV keys, one PEM block, one header-style base64 token.
        #expect(list.count == 5)
        let flower = try NodePublicKey(pemRepresentation: try AuthFixtures.text("flower_p384_public.pem"))
        let sec1 = try NodePublicKey(pemRepresentation: try AuthFixtures.text("p256_public.pem"))
        #expect(list.contains(flower))
        #expect(list.contains(sec1))
        #expect(!list.contains(NodeKey.generate().publicKey))
    }

    @Test func ignoresCommentsBlankLinesAndDuplicates() throws {
        let key = NodeKey.generate(.p256).publicKey
        let text = "\n# first\n\(key.openSSHRepresentation) laptop, lab 2\n   \n\(key.pemRepresentation)\n# end\n"
        let list = try AuthorizedKeys(parsing: text)
        #expect(list.keys == [key])
    }

    @Test func readsBackItsOwnFileText() throws {
        let list = AuthorizedKeys([NodeKey.generate(.p256).publicKey, NodeKey.generate(.p384).publicKey])
        #expect(try AuthorizedKeys(parsing: list.fileText) == list)
    }

    @Test func anEmptyListForbidsEveryone() throws {
        #expect(try AuthorizedKeys(parsing: "# nobody yet\n").count == 0)
    }

    func parseError(_ text: String, path: String? = nil) -> AuthorizedKeysError? {
        #expect(throws: AuthorizedKeysError.self) { try AuthorizedKeys(parsing: text, path: path) }
    }

    @Test func namesTheLineOfAKeyOfAnotherType() {
        let text = "# keys\n\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHlCqZ0sS+2m4Hb4Z3mZ0Q8YqW2L8FjH4tWc7g6gWfTH me\n"
        let error = parseError(text, path: "keys.txt")
        #expect(error?.line == 3)
        #expect(error?.path == "keys.txt")
        #expect(error?.description.hasPrefix("keys.txt:line 3: key type ssh-ed25519") == true)
    }

    @Test func namesTheLineOfBadBase64() {
        let key = NodeKey.generate().publicKey
        let error = parseError(key.openSSHRepresentation + "\n" + "ecdsa-sha2-nistp256 AAAA!!!! broken\n")
        #expect(error?.line == 2)
        #expect(error?.message.contains("not valid base64") == true)
    }

    @Test func namesTheLineOfAKeyBlobThatDisagreesWithItsType() {
        let p256 = NodeKey.generate(.p256).publicKey.openSSHRepresentation
        let relabelled = p256.replacingOccurrences(of: "ecdsa-sha2-nistp256", with: "ecdsa-sha2-nistp384")
        let error = parseError("\n" + relabelled)
        #expect(error?.line == 2)
        #expect(error?.message.contains("another key type or curve") == true)
    }

    @Test func namesTheLineOfAnUnterminatedPEMBlock() {
        let error = parseError("# a\n-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n")
        #expect(error?.line == 2)
        #expect(error?.message.contains("no END line") == true)
    }

    @Test func namesTheLineOfAPEMBlockThatIsNotAPublicKey() {
        let error = parseError(NodeKey.generate().publicKey.openSSHRepresentation + "\n" + NodeKey.generate().pemRepresentation())
        #expect(error?.line == 2)
        #expect(error?.message.contains("expected a PUBLIC KEY") == true)
    }

    @Test func namesTheLineOfAWordThatIsNoKey() {
        #expect(parseError("\n\n\nnode-7\n")?.line == 4)
        let error = parseError("AAAA\n")
        #expect(error?.line == 1)
        #expect(error?.message.contains("neither a PEM nor a DER") == true)
    }

    @Test func namesAnUnreadableFile() {
        let url = URL(fileURLWithPath: "/nonexistent/authorized_keys")
        let error = #expect(throws: AuthorizedKeysError.self) { try AuthorizedKeys(contentsOf: url) }
        #expect(error?.path == "/nonexistent/authorized_keys")
        #expect(error?.line == nil)
    }
}
