import Foundation
import SwiftletFederated
import SwiftletFleetProtocol
import SwiftletNN

extension FleetBenchmark {
    /// Phase 2: `roundNodes` nodes, all sampled, through `rounds` rounds of `2nn` updates.
    func roundsPhase(progress: @escaping @Sendable (String) -> Void) async throws -> FleetBenchmarkReport.Rounds {
        let n = options.roundNodes
        let config = try writeConfig("""
            seed = 1
            rounds = \(options.rounds)
            [model]
            preset = "2nn"
            [partition]
            scheme = "iid"
            clients = \(n)
            [server]
            per-round = \(n)
            deadline = 600.0
            evaluate-every = 0
            federated-evaluate-every = 0
            uplink-codec = "\(options.uplinkCodec)"
            downlink-codec = "\(options.downlinkCodec)"
            error-feedback = \(options.errorFeedback)
            [strategy]
            name = "fedavg"
            [deployment]
            database = "rounds.sqlite"
            results = "results-rounds"
            """, name: "rounds.toml")
        let results = options.directory.appendingPathComponent("results-rounds")
        // A fresh deployment each time: the objects folder too, or a previous run's spare files would spare
        // this one's first round the cost a new deployment's pays.
        for file in ["rounds.sqlite", "rounds.sqlite-wal", "rounds.sqlite-shm", "rounds.sqlite.objects"] {
            try? FileManager.default.removeItem(at: options.directory.appendingPathComponent(file))
        }
        try? FileManager.default.removeItem(at: results)
        let launched = ContinuousClock.now
        let server = try ServerProcess(executable: options.executable, config: config, directory: options.directory,
                                       arguments: ["--finish-grace", "30"])
        try await server.waitUntilListening()
        let startSeconds = (ContinuousClock.now - launched) / .seconds(1)
        progress("rounds: server pid \(server.pid) on port \(server.port), listening after "
                 + String(format: "%.2f s", startSeconds) + "; starting \(n) nodes")
        let recorder = LatencyRecorder()
        recorder.setRecording(true)
        let traffic = TrafficRecorder()
        // Traffic totals when each round's end was seen (the file is read four times a second, so a byte
        // of the next round's first pulls may fall in the round before).
        var trafficAtRoundEnd: [(up: Int, down: Int)] = []
        let http = makeHTTPClient()
        let clock = ContinuousClock()
        let roundsFile = results.appendingPathComponent("rounds.jsonl")
        var history = History()
        var parsedLength = 0
        var peak = 0
        var cpu = CPUTimeline()
        var roundCPU: [Double] = []
        // A sample before any node starts, so the first round's window always lies within the samples.
        if let used = server.cpuSeconds() { cpu.record(seconds: (clock.now - launched) / .seconds(1), cpu: used) }
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<n {
                    let node = try makeNode(index: index, port: server.port, http: http, recorder: recorder,
                                            client: BenchUpdateClient(step: Float(index + 1) * 1e-6, exampleCount: 10 + index % 5),
                                            pollInterval: options.roundPollInterval, traffic: traffic)
                    group.addTask { try await node.run() }
                }
                let deadline = clock.now + .seconds(600 * Double(options.rounds + 1))
                var reported = 0
                while history.records.filter({ $0.round > 0 }).count < options.rounds {
                    guard clock.now < deadline else { throw FleetBenchmarkError.nodes("the rounds did not finish in time") }
                    guard server.isRunning else { throw FleetBenchmarkError.server("exited before the rounds finished") }
                    // The server reports rounds only through rounds.jsonl: read it four times a second.
                    try await Task.sleep(for: .milliseconds(250))
                    let now = (clock.now - launched) / .seconds(1)
                    if let used = server.cpuSeconds() { cpu.record(seconds: now, cpu: used) }
                    peak = max(peak, server.memory()?.peak ?? 0)
                    // Parsed only when it grew: each line lists a thousand node ids, and parsing them four times a
                    // second took CPU from the nodes being measured.
                    if let text = try? String(contentsOf: roundsFile, encoding: .utf8), text.utf8.count != parsedLength,
                       let read = try? History(jsonLines: text) {
                        history = read
                        parsedLength = text.utf8.count
                    }
                    let done = history.records.filter { $0.round > 0 }
                    for record in done.dropFirst(reported) {
                        if let used = cpu.cpu(endingAt: now, duration: record.duration) { roundCPU.append(used) }
                    }
                    if done.count > reported {
                        let totals = traffic.totals
                        for _ in reported..<done.count { trafficAtRoundEnd.append(totals) }
                    }
                    for record in done.dropFirst(reported) {
                        progress("rounds: round \(record.round) \(record.status.rawValue) in "
                                 + String(format: "%.2f s", record.duration) + ", \(record.accepted.count) results")
                    }
                    reported = done.count
                }
                peak = max(peak, server.memory()?.peak ?? 0)
                group.cancelAll()
            }
        } catch {
            try? await http.shutdown()
            await server.stop()
            throw error
        }
        recorder.setRecording(false)
        try? await http.shutdown()
        await server.stop()
        let done = history.records.filter { $0.round > 0 }
        let seconds = done.map(\.duration)
        let mean = seconds.isEmpty ? 0 : seconds.reduce(0, +) / Double(seconds.count)
        return FleetBenchmarkReport.Rounds(
            nodes: n, rounds: done.count, model: "2nn", parameters: (try? Sequential(preset: .twoNN, seed: 0).parameterCount) ?? 0,
            serverStartSeconds: startSeconds, roundSeconds: seconds,
            accepted: done.map(\.accepted.count),
            serverCPUSeconds: roundCPU,
            roundsPerSecond: mean > 0 ? 1 / mean : 0,
            latency: recorder.summary(), serverPeakRSSBytes: peak,
            uplinkCodec: options.uplinkCodec, downlinkCodec: options.downlinkCodec, errorFeedback: options.errorFeedback,
            uploadBytes: zip(trafficAtRoundEnd, [(up: 0, down: 0)] + trafficAtRoundEnd).map { $0.up - $1.up },
            downloadBytes: zip(trafficAtRoundEnd, [(up: 0, down: 0)] + trafficAtRoundEnd).map { $0.down - $1.down })
    }
}
