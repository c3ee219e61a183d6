import Foundation
import Synchronization
import SwiftletFederated
import SwiftletFleet
import SwiftletFleetNode
import SwiftletFleetProtocol
import Testing

/// A real server and real nodes over loopback: whole runs, a node that dies mid-round, a server restarted
/// mid-run.
@Suite(.serialized) struct DeploymentTests {
    /// Runs nodes until `body` returns, then cancels them and closes their transports.
    static func withNodes<T>(_ nodes: [(FleetNode, HTTPFleetTransport)], _ body: () async throws -> T) async throws -> T {
        let tasks = nodes.map { node, _ in Task { try await node.run() } }
        do {
            let result = try await body()
            for task in tasks { _ = await task.result }
            for (_, transport) in nodes { await transport.shutdown() }
            return result
        } catch {
            for task in tasks { task.cancel(); _ = await task.result }
            for (_, transport) in nodes { await transport.shutdown() }
            throw error
        }
    }

    @Test func threeNodesRunThreeRoundsToTheInProcessEnginesModel() async throws {
        let harness = try DeploymentHarness(rounds: 3)
        let (server, port) = try await harness.startServer()
        let nodes = try (0..<3).map { try harness.node($0, port: port) }
        let result = try await Self.withNodes(nodes) {
            try await DeploymentHarness.within(.seconds(240), "the run did not finish") { try await server.value }
        }
        let history = try #require(result).history
        let rounds = history.records.filter { $0.round > 0 }
        #expect(rounds.map(\.round) == [1, 2, 3])
        #expect(rounds.allSatisfy { $0.status == .completed && $0.accepted.count == 3 })
        #expect(history.lastCentralEvaluation != nil)
        // The same strategy and clients in process: the model differs only by the order of a float sum
        // (node ids differ), far below what a lost or doubled update would move it.
        let reference = try await harness.reference()
        #expect(DeploymentHarness.maxDifference(try #require(result).parameters, reference.parameters) < 1e-4)
        // Every node learned the run was over and left.
        for (node, _) in nodes { #expect(await node.state == .finished) }
    }

    @Test func nodeKilledMidRoundIsDroppedAtTheDeadlineAndTheRoundCompletes() async throws {
        let harness = try DeploymentHarness(rounds: 2, deadline: 4, minimumResults: 2)
        let (server, port) = try await harness.startServer()
        let victimTask = Shared<Task<Void, any Error>?>(nil)
        let victimTransport = Shared<CuttableTransport?>(nil)
        var nodes = try (0..<2).map { try harness.node($0, port: port) }
        nodes.append(try harness.node(2, port: port, transport: { base in
            let cuttable = CuttableTransport(base)
            victimTransport.value = cuttable
            return cuttable
        }, client: { base in
            CountingClient(base) { round in
                guard round == 2 else { return }
                // The device dies in the middle of round 2's training: no reply, no more requests. Its training
                // never returns (the node task is cancelled, which ends this wait).
                victimTransport.value?.cut()
                victimTask.value?.cancel()
                try await Task.sleep(for: .seconds(3_600))
            }
        }))
        let survivors = nodes.prefix(2).map { node, _ in Task { try await node.run() } }
        let victimNode = nodes[2].0
        victimTask.value = Task { try await victimNode.run() }
        let result = try await DeploymentHarness.within(.seconds(240), "the run did not finish") { try await server.value }
        for task in survivors { _ = await task.result }
        _ = await victimTask.value?.result
        for (_, transport) in nodes { await transport.shutdown() }

        let rounds = try #require(result).history.records.filter { $0.round > 0 }
        #expect(rounds.map(\.round) == [1, 2])
        #expect(rounds[0].accepted.count == 3)
        #expect(rounds[1].status == .completed)
        #expect(rounds[1].accepted.count == 2)
        #expect(rounds[1].timedOut.count == 1)
        #expect(try #require(result).parameters.values.allSatisfy(\.isFinite))
    }

    @Test func serverRestartedMidRunResumesAndCountsEveryResultOnce() async throws {
        let harness = try DeploymentHarness(rounds: 3)
        let (first, port) = try await harness.startServer()
        let crashed = Gate()
        let counters = Shared<[CountingClient]>([])
        let holding = Gate()
        let nodes = try (0..<3).map { index in
            try harness.node(index, port: port, client: { base in
                let counting = CountingClient(base) { round in
                    // Node 0 holds its round-3 training until the server is down, so the server dies mid-round
                    // and node 0's reply reaches only the restarted server.
                    guard index == 0, round == 3 else { return }
                    holding.open()
                    await crashed.wait()
                }
                counters.update { $0.append(counting) }
                return counting
            })
        }
        let result = try await Self.withNodes(nodes) { () async throws -> FederationResult? in
            _ = try await DeploymentHarness.within(.seconds(240), "round 3 did not start") { await holding.wait(); return true }
            first.cancel()
            _ = await first.result
            crashed.open()
            #expect(harness.finishedRounds().filter { $0.status == .completed }.map(\.round) == [1, 2])
            let (second, _) = try await harness.startServer(port: port)
            return try await DeploymentHarness.within(.seconds(240), "the resumed run did not finish") { try await second.value }
        }
        #expect(crashed.isOpen)
        let rounds = try #require(result).history.records.filter { $0.round > 0 }
        #expect(rounds.map(\.round) == [1, 2, 3])
        #expect(rounds.allSatisfy { $0.status == .completed && $0.accepted.count == 3 })
        // No node trained twice for one instruction, and no update was lost or doubled: the model is the
        // uninterrupted in-process run's.
        for counting in counters.value { #expect(counting.count(round: 3) == 1) }
        let reference = try await harness.reference()
        #expect(DeploymentHarness.maxDifference(try #require(result).parameters, reference.parameters) < 1e-4)
    }
}
