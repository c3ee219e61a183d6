/// Why a Fleet API call failed: the server's verdict on a request, or a transport that could not deliver it.
///
/// The same type on both sides. The server turns it into an HTTP status and a plain-text body that says what
/// was wrong and where; the node's transport turns a status and body back into it, and a connection error
/// into ``Kind/unavailable``, so the node knows which failures are worth retrying.
public struct FleetFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure, which fixes the HTTP status.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// The body is not a valid request: malformed protobuf, a field out of range, an id that does not match.
        case badRequest
        /// No valid signature, or a timestamp outside the allowed window, or a replayed request.
        case unauthenticated
        /// A valid signature by a key that is not allowed, or a node id that belongs to another key.
        case forbidden
        /// The node, run, message or object does not exist.
        case notFound
        /// The request conflicts with the server's state (a reply to a message that was not sent to this node).
        case conflict
        /// The server's state does not allow the request as asked. Flower answers so when a key is already
        /// registered, or when node authentication is on and nodes are registered only through its CLI.
        case preconditionFailed
        /// The body or an object is larger than the server accepts.
        case payloadTooLarge
        /// The body is not `application/protobuf`.
        case unsupportedMediaType
        /// The server failed; the request may be retried.
        case internalError
        /// The server could not be reached or is shutting down; the request may be retried.
        case unavailable

        /// The HTTP status code.
        public var httpStatus: Int {
            switch self {
            case .badRequest: 400
            case .unauthenticated: 401
            case .forbidden: 403
            case .notFound: 404
            case .conflict: 409
            case .preconditionFailed: 412
            case .payloadTooLarge: 413
            case .unsupportedMediaType: 415
            case .internalError: 500
            case .unavailable: 503
            }
        }

        /// The kind an HTTP status code stands for (an unknown 4xx is a bad request, an unknown 5xx an internal error).
        public init(httpStatus: Int) {
            if let kind = Kind.allCases.first(where: { $0.httpStatus == httpStatus }) {
                self = kind
            } else {
                self = httpStatus >= 500 ? .internalError : .badRequest
            }
        }
    }

    /// The kind of failure.
    public var kind: Kind
    /// What was wrong and where, for people.
    public var message: String

    /// Creates a failure.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// Whether the same request may succeed later (server errors and unreachable servers).
    public var isRetryable: Bool { kind == .internalError || kind == .unavailable }

    public var description: String { "\(kind.httpStatus) \(kind.rawValue): \(message)" }
}
