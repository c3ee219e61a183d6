import Foundation
import SwiftletFederated

extension FleetBenchmark {
    /// Phase 3: the rounds of phase 2 again, served by Flower — the same in-process Swiftlet nodes, in Flower
    /// mode, against flwr 1.40's SuperLink and a FedAvg ServerApp on `2nn`-sized arrays.
    ///
    /// Measured as phase 2 is: each round on the ServerApp's clock (instructions made → aggregate done), CPU
    /// time of the SuperLink and ServerApp processes over each round (``CPUTimeline``), their peak resident memory together,
    /// request latency and object bytes per round.
    func flowerPhase(bin: URL, app: URL, progress: @escaping @Sendable (String) -> Void) async throws -> FleetBenchmarkReport.FlowerRounds {
        let n = options.roundNodes
        let peer = try FlowerPeer(bin: bin, work: options.directory.appendingPathComponent("flower"))
        let recorder = LatencyRecorder()
        let traffic = TrafficRecorder()
        let http = makeHTTPClient()
        var rounds: [FlowerPeer.Round] = []
        var peak = 0
        var cpu = CPUTimeline()
        var roundCPU: [Double] = []
        var trafficAtRoundEnd: [(up: Int, down: Int)] = []
        do {
            try await peer.waitUntilListening()
            try await peer.submit(app: app, nodes: n, rounds: options.rounds)
            progress("flower: flower-superlink pid \(peer.pid) on port \(peer.port); starting \(n) nodes in Flower mode")
            recorder.setRecording(true)
            let clock = ContinuousClock()
            let started = clock.now
            // A sample before any node starts, so the first round's window always lies within the samples.
            if let used = peer.treeCPUSeconds() { cpu.record(seconds: 0, cpu: used) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<n {
                    let node = try makeNode(index: index, port: peer.port, http: http, recorder: recorder,
                                            client: BenchUpdateClient(step: Float(index + 1) * 1e-6, exampleCount: 10 + index % 5),
                                            pollInterval: Self.flowerPollInterval, traffic: traffic, flower: true)
                    group.addTask { try await node.run() }
                }
                let deadline = clock.now + .seconds(600 * Double(options.rounds + 1))
                var done = false
                while rounds.count < options.rounds, !done {
                    guard clock.now < deadline else { throw FleetBenchmarkError.flower("the rounds did not finish in time") }
                    guard peer.isRunning else { throw FleetBenchmarkError.flower("flower-superlink exited before the rounds finished") }
                    // The ServerApp reports rounds only through its record file: read it four times a second.
                    try await Task.sleep(for: .milliseconds(250))
                    let now = (clock.now - started) / .seconds(1)
                    if let used = peer.treeCPUSeconds() { cpu.record(seconds: now, cpu: used) }
                    peak = max(peak, peer.treeResident() ?? 0)
                    let seen = peer.progress()
                    done = seen.done
                    if seen.rounds.count > rounds.count {
                        let totals = traffic.totals
                        for round in seen.rounds.dropFirst(rounds.count) {
                            if let used = cpu.cpu(endingAt: now, duration: round.seconds) { roundCPU.append(used) }
                            trafficAtRoundEnd.append(totals)
                            progress("flower: round \(round.round) \(round.aggregated ? "completed" : "failed") in "
                                     + String(format: "%.2f s", round.seconds) + ", \(round.replies) results"
                                     + (round.errors > 0 ? ", \(round.errors) error replies" : ""))
                        }
                        rounds = seen.rounds
                    }
                }
                guard rounds.count >= options.rounds else {
                    throw FleetBenchmarkError.flower("the ServerApp finished after \(rounds.count) of \(options.rounds) rounds")
                }
                group.cancelAll()
            }
        } catch {
            try? await http.shutdown()
            await peer.stop()
            throw error
        }
        recorder.setRecording(false)
        try? await http.shutdown()
        await peer.stop()
        let seconds = rounds.map(\.seconds)
        let mean = seconds.isEmpty ? 0 : seconds.reduce(0, +) / Double(seconds.count)
        return FleetBenchmarkReport.FlowerRounds(
            peer: "flwr 1.40.0: flower-superlink (state in memory) + FedAvg ServerApp",
            nodes: n, rounds: rounds.count, roundSeconds: seconds, accepted: rounds.map(\.replies),
            errorReplies: rounds.map(\.errors),
            cpuSeconds: roundCPU,
            roundsPerSecond: mean > 0 ? 1 / mean : 0, latency: recorder.summary(), peakRSSBytes: peak,
            uploadBytes: zip(trafficAtRoundEnd, [(up: 0, down: 0)] + trafficAtRoundEnd).map { $0.up - $1.up },
            downloadBytes: zip(trafficAtRoundEnd, [(up: 0, down: 0)] + trafficAtRoundEnd).map { $0.down - $1.down })
    }

    /// How often a Flower-mode node polls while idle, seconds: what Flower's own SuperNode does (flwr 1.40 sleeps
    /// 3 s after a pull that brought nothing), so the SuperLink serves the polling load it was built for.
    static let flowerPollInterval = 3.0

    /// `bench/peers/flower_fleet_app`, from the current directory or next to this source tree.
    static func flowerApp() throws -> URL {
        let candidates = [
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("bench/peers/flower_fleet_app"),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("bench/peers/flower_fleet_app"),
        ]
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0.appendingPathComponent("pyproject.toml").path) }) else {
            throw FleetBenchmarkError.flower("bench/peers/flower_fleet_app not found (looked in \(candidates.map(\.path))); run from the repository root")
        }
        return found
    }
}
