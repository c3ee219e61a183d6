import AsyncHTTPClient
import Foundation
import Logging
import SwiftletFederated
import SwiftletFleetNode
import SwiftletFleetProtocol

extension FleetBenchmark {
    /// One in-process node over the shared client, timed by `recorder`.
    /// With `traffic`, the node's object bytes are counted too. With `flower`, the node joins a Flower
    /// SuperLink as it would with `swiftlet-fleet node --flower`: `.npy` arrays, one object per request, and
    /// every request signed with the node's key (a SuperLink refuses unsigned registrations); like Flower's
    /// SuperNode, it never polls GetRun for the end of the run.
    func makeNode(index: Int, port: Int, http: HTTPClient, recorder: LatencyRecorder, client: any Client,
                  pollInterval: Double, traffic: TrafficRecorder? = nil, flower: Bool = false) throws -> FleetNode {
        let key = NodeKey.generate(.p256)
        let http: any FleetTransport = try HTTPFleetTransport(baseURL: "http://127.0.0.1:\(port)", client: http,
                                                              signer: flower ? RequestSigner(key: key) : nil,
                                                              requestTimeout: .seconds(120))
        let transport = TimedTransport(traffic.map { CountingTransport(base: http, recorder: $0) } ?? http, recorder: recorder)
        var configuration = flower ? FleetNodeConfiguration.flower : FleetNodeConfiguration()
        let poll = Duration.milliseconds(Int64(pollInterval * 1_000))
        configuration.pollInterval = poll...poll
        if flower {
            // Flower's SuperNode never asks whether its run is over (it stays up for the next run); a node asking
            // at every empty poll would load the SuperLink with GetRun calls Flower's own nodes do not make.
            configuration.exitWhenRunFinished = false
        } else {
            configuration.arrayEncoding = .swiftletPacked
        }
        // The benchmark client has no model of its own to check arrays against; it answers whatever it gets.
        configuration.expectedArrays = .any
        var nodeLogger = logger
        nodeLogger.logLevel = .error
        return FleetNode(
            transport: transport, client: client, publicKey: key.publicKey.flowerBytes,
            configuration: configuration, seed: UInt64(index), logger: nodeLogger)
    }
}
