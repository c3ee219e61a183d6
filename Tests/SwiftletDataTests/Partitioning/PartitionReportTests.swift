import Testing
@testable import SwiftletData

@Suite struct PartitionReportTests {
    let labels: [Int32] = [0, 0, 1, 2, 2, 2]
    let partition = [[0, 1], [2, 3, 4], [5]]

    @Test func countsSizesAndHistograms() throws {
        let report = try PartitionReport(partition: partition, labels: labels, classCount: 3)
        #expect(report.sizes == [2, 3, 1])
        #expect(report.labelHistograms == [[2, 0, 0], [0, 1, 2], [0, 0, 1]])
        #expect(report.distinctLabels == [1, 2, 1])
    }

    @Test func summarisesSizesAndLabels() throws {
        let report = try PartitionReport(partition: partition, labels: labels, classCount: 3)
        #expect(report.minimumSize == 1 && report.maximumSize == 3 && report.medianSize == 2)
        #expect(report.totalSamples == 6 && report.clientCount == 3)
        #expect(abs(report.meanDistinctLabels - 4.0 / 3.0) < 1e-12)
    }

    @Test func medianOfEvenCountAveragesTheMiddlePair() throws {
        let report = try PartitionReport(partition: [[0], [1, 2, 3], [4, 5], [1, 2, 3, 4]], labels: labels, classCount: 3)
        #expect(report.medianSize == 2.5)
    }

    @Test func rendersPlainTextTable() throws {
        let report = try PartitionReport(partition: partition, labels: labels, classCount: 3)
        #expect(report.table() == """
            client size labels c0 c1 c2
                 0    2      1  2  0  0
                 1    3      2  0  1  2
                 2    1      1  0  0  1
            3 clients, 6 samples; size min 1 / median 2.00 / max 3; mean distinct labels 1.33
            """)
    }

    @Test func truncatedTableSaysHowManyClientsWereLeftOut() throws {
        let report = try PartitionReport(partition: partition, labels: labels, classCount: 3)
        let lines = report.table(maxClients: 1).split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[2] == "… 2 more clients")
    }

    @Test func badIndexOrLabelIsAnError() {
        #expect(throws: PartitionError.sampleIndexOutOfRange(client: 1, index: 6, samples: 6)) {
            try PartitionReport(partition: [[0], [6]], labels: labels, classCount: 3)
        }
        #expect(throws: PartitionError.labelOutOfRange(sample: 3, label: 2, classes: 2)) {
            try PartitionReport(partition: [[0, 3]], labels: labels, classCount: 2)
        }
    }
}
