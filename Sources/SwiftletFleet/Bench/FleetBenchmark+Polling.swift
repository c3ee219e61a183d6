import Foundation
import SwiftletFleetProtocol

extension FleetBenchmark {
    /// Phase 1: `nodes` nodes registered and polling an idle server.
    func polling(progress: @escaping @Sendable (String) -> Void) async throws -> FleetBenchmarkReport.Polling {
        let n = options.nodes
        let config = try writeConfig("""
            [deployment]
            database = "polling.sqlite"
            results = "results-polling"
            max-body-bytes = 16777216
            """, name: "polling.toml")
        try? FileManager.default.removeItem(at: options.directory.appendingPathComponent("polling.sqlite"))
        let server = try ServerProcess(executable: options.executable, config: config, directory: options.directory,
                                       arguments: ["--serve-only"])
        try await server.waitUntilListening()
        progress("polling: server pid \(server.pid) on port \(server.port); starting \(n) nodes")
        let recorder = LatencyRecorder()
        let http = makeHTTPClient()
        let clock = ContinuousClock()
        let started = clock.now
        var result: FleetBenchmarkReport.Polling?
        do {
            result = try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<n {
                    let node = try makeNode(index: index, port: server.port, http: http, recorder: recorder,
                                            client: BenchUpdateClient(step: 0, exampleCount: 1), pollInterval: options.pollInterval)
                    group.addTask { try await node.run() }
                }
                // Every node activated (or a generous timeout).
                let deadline = clock.now + .seconds(600)
                while recorder.successes(.activateNode) < n {
                    guard clock.now < deadline, server.isRunning else {
                        throw FleetBenchmarkError.nodes("only \(recorder.successes(.activateNode)) of \(n) nodes activated")
                    }
                    // Activation is counted by the nodes' transports; check it ten times a second.
                    try await Task.sleep(for: .milliseconds(100))
                }
                let registration = (clock.now - started).seconds
                progress(String(format: "polling: %d nodes active after %.1f s; measuring %.0f s", n, registration, options.pollingSeconds))
                // Let every node settle into its poll rhythm before measuring.
                try await Task.sleep(for: .seconds(options.pollInterval))
                recorder.setRecording(true)
                let measureStart = clock.now
                var peak = 0
                while (clock.now - measureStart).seconds < options.pollingSeconds {
                    // The measurement window: sample the server's memory once a second.
                    try await Task.sleep(for: .seconds(1))
                    peak = max(peak, server.memory()?.peak ?? 0)
                }
                recorder.setRecording(false)
                let measured = (clock.now - measureStart).seconds
                let memory = server.memory()
                let latency = recorder.summary()
                group.cancelAll()
                return FleetBenchmarkReport.Polling(
                    nodes: n, registrationSeconds: registration, measuredSeconds: measured,
                    requestsPerSecond: Double(latency.all.count) / measured, latency: latency,
                    serverRSSBytes: memory?.resident ?? 0, serverPeakRSSBytes: max(peak, memory?.peak ?? 0))
            }
        } catch {
            try? await http.shutdown()
            await server.stop()
            throw error
        }
        try? await http.shutdown()
        await server.stop()
        return result!
    }
}
