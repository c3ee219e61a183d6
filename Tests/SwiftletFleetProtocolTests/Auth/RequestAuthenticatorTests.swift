import Foundation
import SwiftletFleetProtocol
import Testing

@Suite struct RequestAuthenticatorTests {
    let now = Date(timeIntervalSince1970: 1_795_463_229.5)

    func setUp(_ curve: NodeKeyCurve = .p384, capacity: Int = 1_000_000) -> (RequestSigner, RequestAuthenticator) {
        let signer = RequestSigner(key: .generate(curve))
        let authenticator = RequestAuthenticator(
            authorizedKeys: AuthorizedKeys([signer.key.publicKey]),
            configuration: .init(replayCapacity: capacity))
        return (signer, authenticator)
    }

    func expectFailure(
        _ kind: FleetFailure.Kind, containing text: String, _ authenticator: RequestAuthenticator,
        _ headers: FleetAuthHeaders?, at date: Date, sourceLocation: SourceLocation = #_sourceLocation
    ) async {
        do {
            _ = try await authenticator.authenticate(headers, at: date)
            Issue.record("accepted; expected \(kind)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.kind == kind, sourceLocation: sourceLocation)
            #expect(error.message.contains(text), "\(error.message)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: NodeKeyCurve.allCases)
    func acceptsASignedRequestAndReturnsTheKeyBytesAsSent(curve: NodeKeyCurve) async throws {
        let (signer, authenticator) = setUp(curve)
        let headers = signer.headers(at: now)
        #expect(headers.timestamp == "2026-11-23T19:47:09.500000+00:00")
        let caller = try await authenticator.authenticate(headers, at: now.addingTimeInterval(1))
        #expect(caller.publicKey == signer.key.publicKey.flowerBytes)
        #expect(authenticator.rememberedRequestCount == 1)
    }

    @Test func refusesASignatureByAnotherKey() async {
        let (signer, authenticator) = setUp()
        var headers = signer.headers(at: now)
        headers.signature = RequestSigner(key: .generate(.p384)).headers(at: now).signature
        await expectFailure(.unauthenticated, containing: "does not verify", authenticator, headers, at: now)
        #expect(authenticator.rememberedRequestCount == 0)
    }

    @Test func refusesATamperedSignature() async throws {
        let (signer, authenticator) = setUp()
        var headers = signer.headers(at: now)
        var bytes = Array(try #require(Data(base64Encoded: headers.signature)))
        bytes[bytes.count - 1] ^= 0x01
        headers.signature = Data(bytes).base64EncodedString()
        await expectFailure(.unauthenticated, containing: "does not verify", authenticator, headers, at: now)
    }

    @Test func refusesATamperedTimestamp() async {
        let (signer, authenticator) = setUp()
        var headers = signer.headers(at: now)
        headers.timestamp = FleetTimestamp.string(for: now.addingTimeInterval(1))
        await expectFailure(.unauthenticated, containing: "does not verify", authenticator, headers, at: now)
    }

    @Test func acceptsTimestampsJustInsideFlowersWindow() async throws {
        let (signer, authenticator) = setUp()
        let signedAt = now
        // Oldest accepted: age < 300 + 5 s; newest: age > −5 s (the node's clock ahead).
        _ = try await authenticator.authenticate(signer.headers(at: signedAt), at: signedAt.addingTimeInterval(304.999))
        _ = try await authenticator.authenticate(signer.headers(at: signedAt), at: signedAt.addingTimeInterval(-4.999))
    }

    @Test func refusesAStaleTimestampAtTheWindowsEdge() async {
        let (signer, authenticator) = setUp()
        await expectFailure(.unauthenticated, containing: "305.000 s old", authenticator,
                            signer.headers(at: now), at: now.addingTimeInterval(305))
    }

    @Test func refusesAFutureTimestampAtTheWindowsEdge() async {
        let (signer, authenticator) = setUp()
        await expectFailure(.unauthenticated, containing: "5.000 s in the future", authenticator,
                            signer.headers(at: now), at: now.addingTimeInterval(-5))
    }

    @Test func honoursAConfiguredWindow() async throws {
        let signer = RequestSigner(key: .generate(.p256))
        let authenticator = RequestAuthenticator(
            authorizedKeys: AuthorizedKeys([signer.key.publicKey]),
            configuration: .init(timestampTolerance: .seconds(10), clockSkewTolerance: .seconds(1)))
        _ = try await authenticator.authenticate(signer.headers(at: now), at: now.addingTimeInterval(10.9))
        await expectFailure(.unauthenticated, containing: "11.000 s old", authenticator,
                            signer.headers(at: now), at: now.addingTimeInterval(11))
    }

    @Test func refusesAReplayedRequest() async throws {
        let (signer, authenticator) = setUp()
        let headers = signer.headers(at: now)
        _ = try await authenticator.authenticate(headers, at: now)
        await expectFailure(.unauthenticated, containing: "replayed request", authenticator, headers, at: now.addingTimeInterval(2))
        #expect(authenticator.rememberedRequestCount == 1)
    }

    @Test func refusesAReplayWhoseSignatureWasRewrittenAsNMinusS() async throws {
        let (signer, authenticator) = setUp(.p256)
        let headers = signer.headers(at: now)
        _ = try await authenticator.authenticate(headers, at: now)
        var replay = headers
        replay.signature = Data(try MalleableSignature.negatingS(
            Array(try #require(Data(base64Encoded: headers.signature))))).base64EncodedString()
        #expect(replay.signature != headers.signature)
        await expectFailure(.unauthenticated, containing: "replayed request", authenticator, replay, at: now)
    }

    @Test func acceptsAFreshTimestampAfterARequest() async throws {
        let (signer, authenticator) = setUp()
        _ = try await authenticator.authenticate(signer.headers(at: now), at: now)
        _ = try await authenticator.authenticate(signer.headers(at: now.addingTimeInterval(0.000001)), at: now)
        #expect(authenticator.rememberedRequestCount == 2)
    }

    @Test func forgetsRequestsOnceTheirTimestampLeavesTheWindow() async throws {
        let (signer, authenticator) = setUp()
        _ = try await authenticator.authenticate(signer.headers(at: now), at: now)
        _ = try await authenticator.authenticate(signer.headers(at: now.addingTimeInterval(400)), at: now.addingTimeInterval(400))
        #expect(authenticator.rememberedRequestCount == 1)
    }

    @Test func refusesAFloodBeyondTheReplayCapacityUntilEntriesExpire() async throws {
        let (signer, authenticator) = setUp(capacity: 2)
        _ = try await authenticator.authenticate(signer.headers(at: now), at: now)
        _ = try await authenticator.authenticate(signer.headers(at: now.addingTimeInterval(1)), at: now.addingTimeInterval(1))
        await expectFailure(.unavailable, containing: "replay cache holds 2", authenticator,
                            signer.headers(at: now.addingTimeInterval(2)), at: now.addingTimeInterval(2))
        #expect(authenticator.rememberedRequestCount == 2)
        // The first entry expires 305 s after its timestamp; then there is room again.
        let later = now.addingTimeInterval(305)
        _ = try await authenticator.authenticate(signer.headers(at: later), at: later)
        #expect(authenticator.rememberedRequestCount == 2)
    }

    @Test func forbidsAValidSignatureByAKeyNotOnTheList() async {
        let (_, authenticator) = setUp()
        let stranger = RequestSigner(key: .generate(.p384))
        await expectFailure(.forbidden, containing: stranger.key.publicKey.fingerprint, authenticator,
                            stranger.headers(at: now), at: now)
        #expect(authenticator.rememberedRequestCount == 0)
    }

    @Test func refusesMissingHeaders() async {
        let (signer, authenticator) = setUp()
        await expectFailure(.unauthenticated, containing: "missing flwr-public-key", authenticator, nil, at: now)
        var headers = signer.headers(at: now)
        headers.signature = ""
        await expectFailure(.unauthenticated, containing: "flwr-signature", authenticator, headers, at: now)
        let partial = FleetAuthHeaders(lookup: { $0 == FleetAuthHeaders.timestampName ? headers.timestamp : nil })
        await expectFailure(.unauthenticated, containing: "flwr-public-key, flwr-signature", authenticator, partial, at: now)
    }

    @Test func refusesMalformedBase64() async {
        let (signer, authenticator) = setUp()
        var badKey = signer.headers(at: now)
        badKey.publicKey = "not base64!"
        await expectFailure(.unauthenticated, containing: "flwr-public-key is not valid base64", authenticator, badKey, at: now)
        var badSignature = signer.headers(at: now)
        badSignature.signature.removeLast()
        await expectFailure(.unauthenticated, containing: "flwr-signature is not valid base64", authenticator, badSignature, at: now)
    }

    @Test func refusesGarbageKeyBytesAndNonPEMKeys() async {
        let (signer, authenticator) = setUp()
        var headers = signer.headers(at: now)
        headers.publicKey = Data([0xDE, 0xAD, 0xBE, 0xEF]).base64EncodedString()
        await expectFailure(.unauthenticated, containing: "not a PEM P-256 or P-384 public key", authenticator, headers, at: now)
        // Flower accepts only the PEM form in the header, so a bare DER key is refused too.
        headers.publicKey = Data(signer.key.publicKey.derRepresentation).base64EncodedString()
        await expectFailure(.unauthenticated, containing: "not a PEM P-256 or P-384 public key", authenticator, headers, at: now)
    }

    @Test func refusesATimestampWithoutAZone() async {
        let (signer, authenticator) = setUp()
        let naive = "2026-11-23T19:47:09.500000"
        let headers = FleetAuthHeaders(
            publicKey: signer.encodedPublicKey, timestamp: naive,
            signature: Data(signer.key.signature(for: Array(naive.utf8))).base64EncodedString())
        await expectFailure(.unauthenticated, containing: "not an ISO 8601 time with a time zone", authenticator, headers, at: now)
    }
}
