import Foundation
import Synchronization

/// The server's check of a request's signature headers: Flower 1.40's node authentication, plus an
/// allow-list and replay protection.
///
/// In order, a request is refused when
/// 1. headers are missing or empty, or `flwr-public-key` / `flwr-signature` are not strict base64, or
///    `flwr-timestamp` is not ASCII ISO 8601 with a zone → unauthenticated;
/// 2. the timestamp's age is outside `(−clockSkewTolerance, timestampTolerance + clockSkewTolerance)`,
///    open at both ends as in Flower (defaults 5 s and 300 s) → unauthenticated;
/// 3. the key is not a PEM P-256/P-384 public key, or the signature does not verify → unauthenticated;
/// 4. the key is not on the allow-list → forbidden (only a proven key holder learns this);
/// 5. the same key, timestamp and signature were accepted before (identified by the signature's `r`, since
///    `(r, s)` and `(r, n − s)` both verify) → unauthenticated; or the replay cache is full of unexpired
///    entries → unavailable (retryable), so a flood cannot grow memory past ``Configuration/replayCapacity``.
///
/// The caller it returns carries the key bytes exactly as sent (Flower's PEM), which is what a node's
/// RegisterNode/ActivateNode request holds. Checking that a request's `public_key` or node id belongs to
/// this key is the fleet service's job, not this type's: the service owns the node table.
public final class RequestAuthenticator: RequestAuthenticating {
    /// The allowed keys.
    public let authorizedKeys: AuthorizedKeys
    /// The window and the replay cache's bound.
    public let configuration: Configuration
    private let replays: Mutex<ReplayCache>

    /// Creates an authenticator that accepts requests signed by `authorizedKeys`.
    public init(authorizedKeys: AuthorizedKeys, configuration: Configuration = Configuration()) {
        self.authorizedKeys = authorizedKeys
        self.configuration = configuration
        self.replays = Mutex(ReplayCache(capacity: configuration.replayCapacity))
    }

    /// The number of requests remembered for replay detection (for metrics and tests).
    public var rememberedRequestCount: Int { replays.withLock { $0.count } }

    /// The verified caller of a request received at `date`.
    /// - Throws: ``FleetFailure``: unauthenticated, forbidden, or unavailable as listed on the type.
    public func authenticate(_ headers: FleetAuthHeaders?, at date: Date) async throws(FleetFailure) -> FleetCaller {
        try verify(headers, at: date)
    }

    /// The synchronous check behind ``authenticate(_:at:)``, for callers outside async code.
    public func verify(_ headers: FleetAuthHeaders?, at date: Date) throws(FleetFailure) -> FleetCaller {
        guard let headers else {
            throw Self.unauthenticated("missing \(FleetAuthHeaders.publicKeyName), \(FleetAuthHeaders.timestampName) and \(FleetAuthHeaders.signatureName) headers")
        }
        let missing = headers.fields.filter { $0.value.isEmpty }.map { $0.name }
        guard missing.isEmpty else { throw Self.unauthenticated("missing or empty header \(missing.joined(separator: ", "))") }
        guard let keyData = Data(base64Encoded: headers.publicKey) else {
            throw Self.unauthenticated("\(FleetAuthHeaders.publicKeyName) is not valid base64")
        }
        guard let signatureData = Data(base64Encoded: headers.signature) else {
            throw Self.unauthenticated("\(FleetAuthHeaders.signatureName) is not valid base64")
        }
        let timestamp = headers.timestamp
        guard timestamp.utf8.allSatisfy({ $0 < 0x80 }), let signedAt = FleetTimestamp.date(from: timestamp) else {
            throw Self.unauthenticated("\(FleetAuthHeaders.timestampName) '\(timestamp.prefix(64))' is not an ISO 8601 time with a time zone")
        }
        try checkWindow(signedAt: signedAt, now: date, timestamp: timestamp)

        let keyBytes = Array(keyData)
        let key: NodePublicKey
        do { key = try NodePublicKey(flowerBytes: keyBytes) } catch {
            throw Self.unauthenticated("\(FleetAuthHeaders.publicKeyName) is not a PEM P-256 or P-384 public key: \(error.message)")
        }
        guard let r = key.signatureR(Array(signatureData), for: Array(timestamp.utf8)) else {
            throw Self.unauthenticated("\(FleetAuthHeaders.signatureName) does not verify for key \(key.fingerprint) and timestamp \(timestamp)")
        }
        guard authorizedKeys.contains(key) else {
            throw FleetFailure(.forbidden, "node key \(key.fingerprint) (\(key.curve)) is not on the server's allow-list")
        }

        let id = ReplayCache.id(key: key, timestamp: timestamp, r: r)
        let expiry = signedAt.addingTimeInterval(configuration.upperBound)
        switch replays.withLock({ $0.insert(id, expiresAt: expiry, now: date) }) {
        case .fresh:
            return FleetCaller(publicKey: keyBytes)
        case .replay:
            throw Self.unauthenticated("replayed request: key \(key.fingerprint) already sent timestamp \(timestamp) with this signature")
        case .full:
            throw FleetFailure(.unavailable, "too many signed requests within the \(Int(configuration.upperBound)) s window (replay cache holds \(configuration.replayCapacity)); retry later")
        }
    }

    /// Refuses a timestamp whose age is not strictly inside Flower's window.
    private func checkWindow(signedAt: Date, now: Date, timestamp: String) throws(FleetFailure) {
        let age = now.timeIntervalSince(signedAt)
        guard age > -configuration.lowerBound else {
            throw Self.unauthenticated("\(FleetAuthHeaders.timestampName) \(timestamp) is \(Self.seconds(-age)) s in the future (allowed: under \(Self.seconds(configuration.lowerBound)) s)")
        }
        guard age < configuration.upperBound else {
            throw Self.unauthenticated("\(FleetAuthHeaders.timestampName) \(timestamp) is \(Self.seconds(age)) s old (allowed: under \(Self.seconds(configuration.upperBound)) s)")
        }
    }

    private static func unauthenticated(_ message: String) -> FleetFailure {
        FleetFailure(.unauthenticated, message)
    }

    private static func seconds(_ value: TimeInterval) -> String {
        String(format: "%.3f", value)
    }
}
