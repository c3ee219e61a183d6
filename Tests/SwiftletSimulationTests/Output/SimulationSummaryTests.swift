import Foundation
import Testing
@testable import SwiftletSimulation

/// The run's totals, worked out by hand from ``OutputTestRecords``.
@Suite struct SimulationSummaryTests {
    let summary = SimulationSummary(history: OutputTestRecords.all, wallSeconds: 42, targetAccuracy: 0.7,
                                    wallTimes: [0.5, 10, 15, 20])

    @Test func roundsCountTrainingAttemptsButNotTheInitialEvaluation() {
        #expect(summary.rounds == 3)
        #expect(summary.completedRounds == 2)
        #expect(summary.failedRounds == 1)
    }

    @Test func finalAndBestAccuracyAreTheLastAndHighestEvaluations() {
        #expect(summary.finalAccuracy == 0.625)
        #expect(summary.finalAccuracyRound == 2)
        #expect(summary.finalLoss == 0.875)
        #expect(summary.bestAccuracy == 0.75)
        #expect(summary.bestAccuracyRound == 1)
    }

    @Test func targetIsReachedAtTheFirstRoundAtOrAboveIt() {
        #expect(summary.targetReached == .init(round: 1, simulatedSeconds: 100, wallSeconds: 10))
    }

    @Test func timeToAccuracyListsEveryMilestoneReachedAtItsFirstRound() {
        // Test accuracies 0.1, 0.75, (none), 0.625: only the 50% milestone is reached, in round 1.
        #expect(summary.milestones == [.init(accuracy: 0.5, reached: .init(round: 1, simulatedSeconds: 100, wallSeconds: 10))])
        #expect(summary.table().contains("time to 50%"))
    }

    @Test func unreachedTargetIsNil() {
        let missed = SimulationSummary(history: OutputTestRecords.all, wallSeconds: 1, targetAccuracy: 0.99)
        #expect(missed.targetReached == nil)
        #expect(missed.table().contains("target 99.00%          not reached\n"))
    }

    @Test func wallTimesOfTheWrongLengthAreIgnored() {
        let s = SimulationSummary(history: OutputTestRecords.all, wallSeconds: 1, targetAccuracy: 0.7, wallTimes: [1])
        #expect(s.targetReached == .init(round: 1, simulatedSeconds: 100, wallSeconds: nil))
    }

    @Test func simulatedTimeIsTheLastRoundsEnd() {
        #expect(summary.simulatedSeconds == 3600)
        #expect(summary.wallSeconds == 42)
    }

    @Test func bytesAreSummedOverEveryDevice() {
        #expect(summary.downloadBytes == 6000)  // 2000 per round
        #expect(summary.uploadBytes == 1500)  // one 500-byte update per round
        #expect(summary.bytesOnAir == 8200)  // 3000 + 2600 + 2600
    }

    @Test func energyIsSplitIntoComputationAndCommunication() {
        #expect(summary.computeEnergy == 7.75)  // 3 + 2.5 + 2.25
        #expect(summary.communicationEnergy == 6.5)  // 2.5 + 2 + 2
        #expect(summary.totalEnergy == 14.25)
        #expect(summary.computeShare == 7.75 / 14.25)
        #expect(summary.communicationShare == 6.5 / 14.25)
    }

    @Test func outcomesAreCountedOverTheRun() {
        #expect(summary.sampled == 7)
        #expect(summary.count(.accepted) == 2)
        #expect(summary.count(.straggler) == 1)
        #expect(summary.count(.offline) == 1)
        #expect(summary.count(.batteryDepleted) == 1)
        #expect(summary.count(.failed) == 1)
        #expect(summary.count(.rejected) == 1)
        #expect(summary.meanAcceptedPerRound == 2.0 / 3.0)
    }

    @Test func noEnergyHasNoShares() {
        let empty = SimulationSummary(history: SimulationHistory(records: [OutputTestRecords.r0]), wallSeconds: 0)
        #expect(empty.computeShare == nil && empty.communicationShare == nil)
        #expect(empty.meanAcceptedPerRound == nil)
        #expect(empty.table().contains("energy, computation    0 J\n"))
    }

    @Test func tableAlignsValuesInOneColumn() {
        let lines = summary.table().split(separator: "\n")
        // The longest label is "energy, communication" (21 characters); values start two spaces after it, at 23.
        for line in lines {
            let characters = Array(line)
            #expect(characters.count > 23 && characters[21] == " " && characters[22] == " " && characters[23] != " ", "\(line)")
        }
        #expect(lines.contains("final test accuracy    62.50% (round 2)"))
        #expect(lines.contains("target 70.00%          round 1: 1m 40s simulated, 10s wall"))
        #expect(lines.contains("simulated time         1h 00m"))
        #expect(lines.contains("energy, computation    7.8 J (54.4%)"))
        #expect(lines.contains("energy, communication  6.5 J (45.6%)"))
        #expect(lines.contains("accepted               2 (0.7 per round)"))
    }

    @Test func summaryOfRecordsEqualsSummaryOfTheirHistory() {
        let fromRecords = SimulationSummary(records: OutputTestRecords.all.records, wallSeconds: 42, targetAccuracy: 0.7,
                                            wallTimes: [0.5, 10, 15, 20])
        #expect(fromRecords == summary)
    }

    @Test func jsonReadsBackToTheSameSummary() throws {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        #expect(try decoder.decode(SimulationSummary.self, from: Data(summary.json().utf8)) == summary)
        #expect(summary.json().contains("\"targetReached\" : {"))
    }
}
