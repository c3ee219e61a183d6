import SwiftProtobuf

/// How a node reaches the server: sends one Fleet API call's protobuf body and returns the response body.
///
/// The seam between the node's logic and the network: HTTP(S) in deployment (`SwiftletFleetNode`), a direct
/// call into the server's service in tests. Implementations sign requests when configured to.
public protocol FleetTransport: Sendable {
    /// Sends `body` as `rpc` and returns the response body.
    /// - Throws: ``FleetFailure``: the server's verdict, or ``FleetFailure/Kind/unavailable`` when it could
    ///   not be reached.
    func send(_ rpc: FleetRPC, body: [UInt8]) async throws(FleetFailure) -> [UInt8]

    /// Sends the body made of `parts`, one after the other, as `rpc` and returns the response body.
    ///
    /// Nodes push model updates this way: the request's framing and the objects it carries, not joined, so a
    /// transport that can write them as they are (HTTP) never holds the update a second time. The default
    /// joins them and calls ``send(_:body:)``.
    /// - Throws: as ``send(_:body:)``.
    func send(_ rpc: FleetRPC, parts: [[UInt8]]) async throws(FleetFailure) -> [UInt8]

    /// Sends `body` as `rpc`, a call that pulls objects (``FleetRPC/responseObjectShape``), and returns the
    /// response received into an ``ObjectMessageBody`` of `shape`.
    ///
    /// Nodes pull models this way: a transport that receives the response in chunks (HTTP) appends them as
    /// they come, so a pulled model is copied once between the socket and the node's objects. The default
    /// receives the response whole through ``send(_:body:)``.
    /// - Throws: as ``send(_:body:)``.
    func send(_ rpc: FleetRPC, body: [UInt8], receiving shape: ObjectMessageBody.Shape) async throws(FleetFailure) -> ObjectMessageBody
}

extension FleetTransport {
    /// Joins `parts` and sends them through ``send(_:body:)``.
    public func send(_ rpc: FleetRPC, parts: [[UInt8]]) async throws(FleetFailure) -> [UInt8] {
        try await send(rpc, body: parts.count == 1 ? parts[0] : Array(parts.joined()))
    }

    /// Receives the response whole through ``send(_:body:)``.
    public func send(_ rpc: FleetRPC, body: [UInt8], receiving shape: ObjectMessageBody.Shape) async throws(FleetFailure) -> ObjectMessageBody {
        ObjectMessageBody(shape, bytes: try await send(rpc, body: body))
    }

    /// Sends `request` as `rpc` and decodes the response as `Response`.
    /// - Throws: ``FleetFailure``; a response that does not decode is ``FleetFailure/Kind/badRequest``.
    public func call<Request: SwiftProtobuf.Message, Response: SwiftProtobuf.Message>(
        _ rpc: FleetRPC, _ request: Request, as response: Response.Type = Response.self
    ) async throws(FleetFailure) -> Response {
        let body: [UInt8]
        do { body = try request.serializedBytes() } catch {
            throw FleetFailure(.badRequest, "\(rpc.rawValue): the request could not be serialized: \(error)")
        }
        let reply = try await send(rpc, body: body)
        do { return try Response(serializedBytes: reply) } catch {
            throw FleetFailure(.badRequest, "\(rpc.rawValue): the server's response is not a valid \(Response.protoMessageName)")
        }
    }
}
