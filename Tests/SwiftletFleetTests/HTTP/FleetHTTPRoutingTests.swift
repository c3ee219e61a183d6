import AsyncHTTPClient
import Foundation
import NIOCore
import SwiftletFleetHTTPServer
import SwiftletFleetNode
import SwiftletFleetProtocol
import Testing

/// Routes, status codes and bodies of the HTTP front end, over loopback.
@Suite struct FleetHTTPRoutingTests {
    @Test func callBodyRoundTripsByteForByte() async throws {
        let handler = EchoHandler()
        let body: [UInt8] = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let answer = try await withServer(handler: handler) { port in
            try await withTransport("http://127.0.0.1:\(port)") { try await $0.send(.pullMessages, body: body) }
        }
        #expect(answer == body)
        let call = try #require(handler.calls.withLock { $0.first })
        #expect(call.0 == .pullMessages)
        #expect(call.1 == body)
        #expect(call.2 == .anonymous)
    }

    @Test func wrongContentTypeIs415AndNotHandled() async throws {
        let handler = EchoHandler()
        let (status, text) = try await withServer(handler: handler) { port in
            try await rawRequest(port: port, method: "POST", path: "/v1/fleet/get-run", headers: ["content-type": "application/json"], body: [1, 2])
        }
        #expect(status == 415)
        #expect(text.contains("application/protobuf"))
        #expect(handler.callCount == 0)
    }

    @Test func bodyOverTheLimitIs413AndNotHandled() async throws {
        let handler = EchoHandler()
        let failure = await #expect(throws: FleetFailure.self) {
            try await withServer(FleetHTTPServerConfiguration(maxBodyBytes: 1024), handler: handler) { port in
                try await withTransport("http://127.0.0.1:\(port)") { try await $0.send(.pushObject, body: [UInt8](repeating: 9, count: 1025)) }
            }
        }
        #expect(failure?.kind == .payloadTooLarge)
        #expect(failure?.message.contains("1024") == true)
        #expect(handler.callCount == 0)
    }

    @Test func chunkedBodyGrowingOverTheLimitIs413AndNotHandled() async throws {
        // No Content-Length: the limit must hold while the body is read, chunk by chunk.
        let handler = EchoHandler()
        let status = try await withServer(FleetHTTPServerConfiguration(maxBodyBytes: 1024), handler: handler) { port in
            let client = HTTPClient(eventLoopGroupProvider: .singleton)
            do {
                var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/fleet/push-object")
                request.method = .POST
                request.headers.add(name: "content-type", value: FleetRPC.contentType)
                let (chunks, continuation) = AsyncStream<ByteBuffer>.makeStream()
                continuation.yield(ByteBuffer(repeating: 9, count: 600))
                continuation.yield(ByteBuffer(repeating: 9, count: 600))
                continuation.finish()
                request.body = .stream(chunks, length: .unknown)
                let response = try await client.execute(request, timeout: .seconds(10))
                try await client.shutdown()
                return Int(response.status.code)
            } catch {
                try? await client.shutdown()
                throw error
            }
        }
        #expect(status == 413)
        #expect(handler.callCount == 0)
    }

    @Test func bodyAtTheLimitIsServed() async throws {
        let body = [UInt8](repeating: 3, count: 1024)
        let answer = try await withServer(FleetHTTPServerConfiguration(maxBodyBytes: 1024)) { port in
            try await withTransport("http://127.0.0.1:\(port)") { try await $0.send(.pushObject, body: body) }
        }
        #expect(answer == body)
    }

    @Test func unknownRPCIs404() async throws {
        let (status, text) = try await withServer { port in
            try await rawRequest(port: port, method: "POST", path: "/v1/fleet/launch-missiles", headers: ["content-type": "application/protobuf"], body: [1])
        }
        #expect(status == 404)
        #expect(text.contains("/v1/fleet/launch-missiles"))
    }

    @Test func wrongMethodIs405() async throws {
        let (status, _) = try await withServer { port in
            try await rawRequest(port: port, method: "GET", path: "/v1/fleet/pull-messages")
        }
        #expect(status == 405)
    }

    @Test func healthAnswersOK() async throws {
        let (status, text) = try await withServer { port in try await rawRequest(port: port, method: "GET", path: "/health") }
        #expect(status == 200)
        #expect(text == "ok")
    }

    @Test func handlerFailureReachesTheNodeUnchanged() async throws {
        let expected = FleetFailure(.conflict, "message 42 was not sent to node 7")
        let failure = await #expect(throws: FleetFailure.self) {
            try await withServer(handler: EchoHandler(failure: expected)) { port in
                try await withTransport("http://127.0.0.1:\(port)") { try await $0.send(.pushMessages, body: [1]) }
            }
        }
        #expect(failure == expected)
    }

    @Test func closedPortIsUnavailable() async throws {
        // Bind a server to learn a free port, stop it, then call that port.
        let port = try await withServer { port in port }
        let failure = await #expect(throws: FleetFailure.self) {
            try await withTransport("http://127.0.0.1:\(port)") { try await $0.send(.sendNodeHeartbeat, body: []) }
        }
        #expect(failure?.kind == .unavailable)
    }

    @Test func metricsShowRequestCounters() async throws {
        let text = try await withServer { port in
            try await withTransport("http://127.0.0.1:\(port)") { transport in
                _ = try await transport.send(.getRun, body: [1, 2, 3])
                _ = try await transport.send(.getRun, body: [4])
            }
            return try await rawRequest(port: port, method: "GET", path: "/metrics").body
        }
        #expect(text.contains(#"swiftlet_fleet_requests_total{rpc="get-run",status="200"} 2"#))
        #expect(text.contains(#"swiftlet_fleet_request_bytes_total{rpc="get-run"} 4"#))
        #expect(text.contains(#"swiftlet_fleet_response_bytes_total{rpc="get-run"} 4"#))
        #expect(text.contains("swiftlet_fleet_request_duration_seconds_count{rpc=\"get-run\"} 2"))
    }
}
