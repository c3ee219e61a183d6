import Testing
@testable import SwiftletFleet

@Suite struct FleetBenchmarkTableTests {
    @Test func aRatioIsTheQuotientOfTheMeans() {
        #expect(FleetBenchmark.ratio([60, 80], [1, 3]) == 35)
        #expect(FleetBenchmark.ratio([], [1]) == nil)
        #expect(FleetBenchmark.ratio([1], []) == nil)
        #expect(FleetBenchmark.ratio([1], [0, 0]) == nil)
    }

    @Test func flowerRoundsWithoutErrorRepliesGetNoErrorLine() {
        let latency = LatencySummary(all: .init([0.01], failures: 0), perRPC: [:])
        let flower = FleetBenchmarkReport.FlowerRounds(
            peer: "flwr", nodes: 2, rounds: 1, roundSeconds: [1], accepted: [2], errorReplies: [0], cpuSeconds: [1],
            roundsPerSecond: 1, latency: latency, peakRSSBytes: 1, uploadBytes: [1], downloadBytes: [1],
            roundTimeRatio: nil, cpuRatio: nil)
        let table = FleetBenchmarkTable.render(FleetBenchmarkReport(polling: nil, rounds: nil, flower: flower, cores: 2, date: "d"))
        #expect(table.contains("accepted per round: 2"))
        #expect(!table.contains("error replies"))
    }

    @Test func theTablePutsFlowerBesideSwiftlet() {
        let latency = LatencySummary(all: .init([0.012, 0.034], failures: 0), perRPC: [:])
        let swiftlet = FleetBenchmarkReport.Rounds(
            nodes: 100, rounds: 2, model: "2nn", parameters: 199_210, serverStartSeconds: 2.25, roundSeconds: [1.5, 1.0], accepted: [100, 100],
            serverCPUSeconds: [0.5], roundsPerSecond: 0.8, latency: latency, serverPeakRSSBytes: 300 << 20,
            uplinkCodec: "f32le", downlinkCodec: "f32le", errorFeedback: false, uploadBytes: [1_024, 1_024], downloadBytes: [2_048, 2_048])
        let flower = FleetBenchmarkReport.FlowerRounds(
            peer: "flwr 1.40.0", nodes: 100, rounds: 2, roundSeconds: [70, 55], accepted: [100, 99], errorReplies: [0, 1], cpuSeconds: [50],
            roundsPerSecond: 0.016, latency: latency, peakRSSBytes: 600 << 20, uploadBytes: [1_024, 1_024],
            downloadBytes: [2_048, 2_048], roundTimeRatio: FleetBenchmark.ratio([70, 55], [1.5, 1.0]),
            cpuRatio: FleetBenchmark.ratio([50], [0.5]))
        let table = FleetBenchmarkTable.render(FleetBenchmarkReport(polling: nil, rounds: swiftlet, flower: flower, cores: 2, date: "d"))
        #expect(table.contains("the same 100 nodes in Flower mode, 2 rounds: [70.00, 55.00] s"))
        #expect(table.contains("accepted per round: 100, 99"))
        #expect(table.contains("  error replies per round: 0, 1 (reasons in the ServerApp's record, flower/rounds.jsonl)"))
        #expect(table.contains("SuperLink + ServerApp peak RSS 600 MiB"))
        #expect(table.contains("  uplink f32le, downlink f32le: up [1, 1] KiB, down [2, 2] KiB per round"))
        #expect(table.contains("  server CPU per round: [0.50] s"))
        #expect(table.contains("  server listening after 2.25 s (experiment loaded, spare object files written)"))
        #expect(table.contains("  SuperLink + ServerApp CPU per round: [50.00] s"))
        #expect(table.contains("Flower over Swiftlet, same run: round time 50.0×, server CPU per round 100.0×"))
    }
}
