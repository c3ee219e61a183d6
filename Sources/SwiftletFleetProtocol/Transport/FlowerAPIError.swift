import Foundation

/// The JSON error body Flower 1.40's HTTP APIs answer a refused request with: `{"code": 2007, "detail": "…"}`.
///
/// Flower maps each of its API error codes to one HTTP status, and several codes share a status (403 is both
/// "the run is not running" and "no such run"), so a node that must tell them apart reads the code. The
/// codes a Swiftlet node acts on are named here; the numbers are those of flwr 1.40's `ApiErrorCode`.
public struct FlowerAPIError: Sendable, Equatable, CustomStringConvertible {
    /// Flower's numeric error code.
    public var code: Int
    /// The public message that came with it.
    public var detail: String

    /// Creates an error from its parts.
    public init(code: Int, detail: String) {
        self.code = code
        self.detail = detail
    }

    /// Reads a Flower error body, or `nil` when `body` is not a JSON object with an integer `code`.
    public init?(body: String) {
        guard body.first == "{", let data = body.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let code = object["code"] as? Int
        else { return nil }
        self.init(code: code, detail: object["detail"] as? String ?? "")
    }

    /// `PUBLIC_KEY_ALREADY_IN_USE`: RegisterNode for a key the server already knows.
    public static let publicKeyAlreadyInUse = 23
    /// `FLEET_SUPERNODE_REGISTRATION_DISABLED`: node authentication is on; nodes are registered with
    /// `flwr supernode register` and only activate themselves.
    public static let registrationDisabled = 2001
    /// `FLEET_RUN_STATUS_NOT_ALLOWED`: the run is pending, starting or finished, so it takes no Fleet calls.
    public static let runStatusNotAllowed = 2007
    /// `FLEET_GET_RUN_FAILED`: the run does not exist, or the node is not in its federation.
    public static let getRunFailed = 2008

    public var description: String { "Flower error \(code): \(detail)" }
}

extension FleetFailure {
    /// The Flower error code and message carried in the failure's body, when the server is Flower's.
    public var flowerError: FlowerAPIError? { FlowerAPIError(body: message) }
}
