import Foundation
import SwiftletFleetProtocol
import Testing

/// Against files written by Flower's own signing code (Fixtures/auth/make_auth_fixtures.py).
@Suite struct FlowerAuthInteropTests {
    func flowerRequest() throws -> (FleetAuthHeaders, Date) {
        let fields = try AuthFixtures.flowerHeaders()
        let headers = try #require(FleetAuthHeaders(lookup: { fields[$0] }))
        let signedAt = try #require(FleetTimestamp.date(from: headers.timestamp))
        return (headers, signedAt)
    }

    @Test func verifiesARequestSignedByFlowersNode() async throws {
        let (headers, signedAt) = try flowerRequest()
        let flowerKey = try NodePublicKey(pemRepresentation: try AuthFixtures.text("flower_p384_public.pem"))
        let authenticator = RequestAuthenticator(
            authorizedKeys: try AuthorizedKeys(contentsOf: try AuthFixtures.url("authorized_keys.txt")))
        let caller = try await authenticator.authenticate(headers, at: signedAt.addingTimeInterval(1))
        #expect(caller.publicKey == flowerKey.flowerBytes)
    }

    @Test func flowersTimestampIsWhatSwiftWouldWriteForTheSameInstant() throws {
        let (headers, signedAt) = try flowerRequest()
        #expect(FleetTimestamp.string(for: signedAt) == headers.timestamp)
    }

    @Test func signsWithFlowersKeyAsFlowersNodeDoes() throws {
        let key = try NodeKey(contentsOf: try AuthFixtures.url("flower_p384_private.pem"))
        let (flower, signedAt) = try flowerRequest()
        let headers = RequestSigner(key: key).headers(at: signedAt)
        // The key header is byte-identical, the timestamp text too; the signature verifies under the key
        // Python wrote (ECDSA nonces are random, so signature bytes always differ).
        #expect(headers.publicKey == flower.publicKey)
        #expect(headers.timestamp == flower.timestamp)
        let pythonKey = try NodePublicKey(flowerBytes: Array(try #require(Data(base64Encoded: flower.publicKey))))
        let signature = Array(try #require(Data(base64Encoded: headers.signature)))
        #expect(pythonKey.isValidSignature(signature, for: Array(headers.timestamp.utf8)))
        #expect(headers.signature != flower.signature)
    }

    @Test func flowersSignatureDoesNotVerifyForAnotherTimestamp() throws {
        let (headers, signedAt) = try flowerRequest()
        let key = try NodePublicKey(pemRepresentation: try AuthFixtures.text("flower_p384_public.pem"))
        let signature = Array(try #require(Data(base64Encoded: headers.signature)))
        let other = FleetTimestamp.string(for: signedAt.addingTimeInterval(0.000001))
        #expect(key.isValidSignature(signature, for: Array(headers.timestamp.utf8)))
        #expect(!key.isValidSignature(signature, for: Array(other.utf8)))
    }
}
