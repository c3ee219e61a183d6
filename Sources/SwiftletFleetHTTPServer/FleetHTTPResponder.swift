import Foundation
import Hummingbird
import HummingbirdCore
import HTTPTypes
import Logging
import NIOCore
import SwiftletFleetProtocol
import SwiftletFleetServer

/// Answers every HTTP request of a ``FleetHTTPServer``: the Fleet API routes, `/metrics` and `/health`.
///
/// Dispatch is written out by hand rather than through a `Router` so that a known path with the wrong
/// method gets 405 and an unknown path 404, as the Fleet API's clients expect.
struct FleetHTTPResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let handler: any FleetRequestHandler
    let configuration: FleetHTTPServerConfiguration
    let metrics: FleetHTTPMetrics?
    let logger: Logger

    func respond(to request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        switch path {
        case "/health":
            guard request.method == .get || request.method == .head else { return Self.text(.methodNotAllowed, "use GET") }
            return Self.text(.ok, "ok")
        case "/metrics" where metrics != nil && configuration.metricsEnabled:
            guard request.method == .get else { return Self.text(.methodNotAllowed, "use GET") }
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: metrics!.exposition())))
        default:
            break
        }
        guard let rpc = FleetRPC(path: path) else {
            return Self.text(.notFound, "no Fleet API call at \(path)")
        }
        guard request.method == .post else {
            return Self.text(.methodNotAllowed, "\(rpc.path) takes POST, not \(request.method.rawValue)")
        }
        var request = request
        let started = ContinuousClock.now
        let requestID = UUID().uuidString
        let (response, bytesIn) = await serve(rpc, request: &request, requestID: requestID)
        let duration = ContinuousClock.now - started
        let bytesOut = response.body.contentLength ?? 0
        metrics?.record(
            rpc: rpc.rawValue, status: response.status.code, duration: duration, bytesIn: Int64(bytesIn), bytesOut: Int64(bytesOut)
        )
        logger.info(
            "fleet request",
            metadata: [
                "request_id": "\(requestID)", "rpc": "\(rpc.rawValue)", "status": "\(response.status.code)",
                "duration_ms": "\(Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1000)",
                "bytes_in": "\(bytesIn)", "bytes_out": "\(bytesOut)",
            ]
        )
        return response
    }

    /// Checks, authenticates and handles one Fleet API call; answers the response and the body's size.
    private func serve(_ rpc: FleetRPC, request: inout Request, requestID: String) async -> (Response, Int) {
        let mediaType = request.headers[.contentType]?.split(separator: ";").first
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard mediaType == FleetRPC.contentType else {
            return (Self.failure(FleetFailure(
                .unsupportedMediaType,
                "\(rpc.path): content-type must be \(FleetRPC.contentType), got \(request.headers[.contentType] ?? "none")"
            )), 0)
        }
        let limit = configuration.maxBodyBytes
        let tooLarge = FleetFailure(.payloadTooLarge, "\(rpc.path): the body is larger than the limit of \(limit) bytes")
        // A declared length over the limit is refused before a byte of the body is read.
        let declared = request.headers[.contentLength].flatMap(Int.init)
        if let declared, declared > limit {
            return (Self.failure(tooLarge), 0)
        }
        let body: ReceivedBody
        do {
            let read: ReceivedBody?
            if let shape = rpc.requestObjectShape {
                read = try await Self.readObjectBody(request.body, shape: shape, declaredLength: declared, limit: limit).map { .objects($0) }
            } else {
                read = try await Self.readBody(request.body, declaredLength: declared, limit: limit).map { .bytes($0) }
            }
            guard let read else { return (Self.failure(tooLarge), 0) }
            body = read
        } catch {
            return (Self.failure(FleetFailure(.badRequest, "\(rpc.path): the body could not be read: \(error)")), 0)
        }
        do throws(FleetFailure) {
            let caller = try await authenticate(request.headers)
            let answer = try await handleWithTimeout(rpc, body: body, caller: caller)
            var headers = HTTPFields()
            headers[.contentType] = FleetRPC.contentType
            return (Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: answer))), body.count)
        } catch {
            if error.kind == .internalError {
                logger.error("fleet request failed", metadata: ["request_id": "\(requestID)", "rpc": "\(rpc.rawValue)", "error": "\(error.message)"])
            }
            return (Self.failure(error), body.count)
        }
    }

    /// A request body as read: whole, or an object push split as it arrived.
    enum ReceivedBody: Sendable {
        case bytes([UInt8])
        case objects(ObjectMessageBody)

        /// Its size in bytes.
        var count: Int {
            switch self {
            case .bytes(let bytes): bytes.count
            case .objects(let body): body.count
            }
        }
    }

    /// The verified caller, or `.anonymous` when the server does not authenticate nodes.
    private func authenticate(_ headers: HTTPFields) async throws(FleetFailure) -> FleetCaller {
        guard let authenticator = configuration.authenticator else { return .anonymous }
        return try await authenticator.authenticate(Self.authHeaders(headers), at: Date())
    }

    /// The three signature headers, or `nil` when any is missing.
    static func authHeaders(_ headers: HTTPFields) -> FleetAuthHeaders? {
        guard let keyName = HTTPField.Name(FleetAuthHeaders.publicKeyName),
              let timeName = HTTPField.Name(FleetAuthHeaders.timestampName),
              let signatureName = HTTPField.Name(FleetAuthHeaders.signatureName),
              let key = headers[keyName], let time = headers[timeName], let signature = headers[signatureName]
        else { return nil }
        return FleetAuthHeaders(publicKey: key, timestamp: time, signature: signature)
    }

    /// The body's bytes in one array, or `nil` past `limit` bytes.
    ///
    /// The array is sized from the declared length (itself within the limit) and filled chunk by chunk: an
    /// update of a megabyte is copied once, where collecting it into a growing buffer and then into an array
    /// copied it three times.
    static func readBody(_ body: RequestBody, declaredLength: Int?, limit: Int) async throws -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(0, declaredLength ?? 0))
        for try await chunk in body {
            guard chunk.readableBytes <= limit - bytes.count else { return nil }
            bytes.append(contentsOf: chunk.readableBytesView)
        }
        return bytes
    }

    /// An object push's body, each large content read straight into its own array (``ObjectMessageBody``),
    /// or `nil` past `limit` bytes: the update is copied once between the socket's buffers and the store,
    /// where reading the body into one array and decoding it copied it twice.
    static func readObjectBody(_ body: RequestBody, shape: ObjectMessageBody.Shape, declaredLength: Int?,
                               limit: Int) async throws -> ObjectMessageBody? {
        var received = ObjectMessageBody(shape, expectedLength: declaredLength)
        for try await chunk in body {
            guard chunk.readableBytes <= limit - received.count else { return nil }
            chunk.withUnsafeReadableBytes { received.append($0) }
        }
        return received
    }

    /// Runs the handler, answering 503 when it outlasts the request timeout and 500 for errors that are not
    /// ``FleetFailure`` (their details are logged, not sent).
    private func handleWithTimeout(_ rpc: FleetRPC, body: ReceivedBody, caller: FleetCaller) async throws(FleetFailure) -> [UInt8] {
        let handler = self.handler
        let timeout = configuration.requestTimeout
        let outcome: Result<[UInt8], FleetFailure> = await withTaskGroup(of: Result<[UInt8], FleetFailure>?.self) { group in
            group.addTask {
                do throws(FleetFailure) {
                    switch body {
                    case .bytes(let bytes): return .success(try await handler.handle(rpc, body: bytes, caller: caller))
                    case .objects(let objects): return .success(try await handler.handle(rpc, body: objects, caller: caller))
                    }
                }
                catch { return .failure(error) }
            }
            group.addTask {
                do { try await Task.sleep(for: timeout) } catch { return nil }
                return .failure(FleetFailure(.unavailable, "\(rpc.path): the server did not answer within \(timeout)"))
            }
            var first: Result<[UInt8], FleetFailure>? = nil
            while first == nil, let next = await group.next() { first = next }
            group.cancelAll()
            return first ?? .failure(FleetFailure(.unavailable, "\(rpc.path): the request was cancelled"))
        }
        return try outcome.get()
    }

    /// A failure's status with a plain-text body saying what was wrong.
    static func failure(_ failure: FleetFailure) -> Response {
        text(HTTPResponse.Status(code: failure.kind.httpStatus), failure.message)
    }

    /// A plain-text response.
    static func text(_ status: HTTPResponse.Status, _ message: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: message)))
    }
}
