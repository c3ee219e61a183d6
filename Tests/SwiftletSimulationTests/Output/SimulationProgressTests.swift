import Testing
@testable import SwiftletSimulation

/// The progress bar's and plain lines' text.
@Suite struct SimulationProgressTests {
    @Test func emptyBarHasOnlyDots() {
        #expect(SimulationProgress.bar(done: 0, total: 60) == "[..........]")
    }

    @Test func partialBarFillsWholeCellsOnly() {
        #expect(SimulationProgress.bar(done: 23, total: 60) == "[###.......]")  // 230 / 60 = 3.8 cells
        #expect(SimulationProgress.bar(done: 59, total: 60) == "[#########.]")
    }

    @Test func fullBarHasOnlyHashes() {
        #expect(SimulationProgress.bar(done: 60, total: 60) == "[##########]")
        #expect(SimulationProgress.bar(done: 70, total: 60) == "[##########]")
        #expect(SimulationProgress.bar(done: 3, total: 6, width: 4) == "[##..]")
    }

    @Test func barLineShowsTheLatestFigures() {
        var progress = SimulationProgress(totalRounds: 60)
        progress.update(with: OutputTestRecords.r0, wallSeconds: 1)
        progress.update(with: OutputTestRecords.r1, wallSeconds: 38)
        #expect(progress.barLine() == "[..........] 1/60  acc 75.00%  sim 1m 40s  wall 38s  up 500 B")
    }

    @Test func plainLineDescribesTheLastRound() {
        var progress = SimulationProgress(totalRounds: 60)
        progress.update(with: OutputTestRecords.r1, wallSeconds: 38)
        progress.update(with: OutputTestRecords.r2, wallSeconds: 40)
        // The failed round keeps the last accuracy; uploads accumulate (500 + 500).
        #expect(progress.plainLine == "round 2/60  failed  accepted 0/2  acc 75.00%  sim 2m 30s  wall 40s  up 1.0 kB")
        progress.update(with: OutputTestRecords.r3, wallSeconds: 45)
        #expect(progress.plainLine == "round 2/60 (attempt 2)  completed  accepted 1/2  loss 0.5000  acc 62.50%  sim 1h 00m  wall 45s  up 1.5 kB")
    }

    @Test func initialEvaluationIsNamedAsSuch() {
        var progress = SimulationProgress(totalRounds: 60)
        progress.update(with: OutputTestRecords.r0, wallSeconds: 2)
        #expect(progress.plainLine == "round 0/60  initial evaluation  acc 10.00%  sim 0.0s  wall 2.0s  up 0 B")
    }

    @Test func beforeAnyRoundThereIsNoAccuracy() {
        #expect(SimulationProgress(totalRounds: 5).barLine() == "[..........] 0/5  acc -  sim 0.0s  wall 0.0s  up 0 B")
    }
}
