import AsyncHTTPClient
import Foundation
import Logging
import SwiftletFederated
import SwiftletFleetNode
import SwiftletFleetProtocol

extension FleetBenchmark {
    /// One in-process node over the shared client, timed by `recorder`.
    func makeNode(index: Int, port: Int, http: HTTPClient, recorder: LatencyRecorder, client: any Client,
                  pollInterval: Double) throws -> FleetNode {
        let transport = TimedTransport(
            try HTTPFleetTransport(baseURL: "http://127.0.0.1:\(port)", client: http, requestTimeout: .seconds(120)),
            recorder: recorder)
        var configuration = FleetNodeConfiguration()
        let poll = Duration.milliseconds(Int64(pollInterval * 1_000))
        configuration.pollInterval = poll...poll
        configuration.arrayEncoding = .swiftletPacked
        // The benchmark client has no model of its own to check arrays against; it answers whatever it gets.
        configuration.expectedArrays = .any
        var nodeLogger = logger
        nodeLogger.logLevel = .error
        return FleetNode(
            transport: transport, client: client, publicKey: NodeKey.generate(.p256).publicKey.flowerBytes,
            configuration: configuration, seed: UInt64(index), logger: nodeLogger)
    }
}
