import Foundation
import Testing
@testable import SwiftletData

/// CSV files parsed into datasets: columns, headers, dialects and the natural-id grouping.
@Suite struct CSVDatasetTests {
    func parse(_ text: String, _ options: CSVOptions = CSVOptions()) throws -> CSVDataset {
        try CSVDataset.parse(Array(text.utf8), options: options)
    }

    @Test func headerFeaturesAndLastColumnLabelParseExactly() throws {
        let csv = try parse("a,b,label\n1,2.5,0\n3,-4e-1,2\n")
        #expect(csv.dataset.features == [1, 2.5, 3, -0.4])
        #expect(csv.dataset.labels == [0, 2])
        #expect(csv.dataset.sampleShape == [2])
        #expect(csv.dataset.classCount == 3)
        #expect(csv.featureNames == ["a", "b"])
        #expect(csv.clientIDs == nil)
    }

    @Test func fileWithoutHeaderIsDetectedAsData() throws {
        let csv = try parse("1,2,1\n3,4,0\n")
        #expect(csv.dataset.labels == [1, 0])
        #expect(csv.dataset.features == [1, 2, 3, 4])
        #expect(csv.featureNames == nil)
    }

    @Test func labelColumnChosenByNameOrIndex() throws {
        let text = "y,f1,f2\n4,10,20\n1,30,40\n"
        let byName = try parse(text, CSVOptions(label: .name("y")))
        let byIndex = try parse(text, CSVOptions(label: .index(0)))
        #expect(byName == byIndex)
        #expect(byName.dataset.labels == [4, 1])
        #expect(byName.dataset.features == [10, 20, 30, 40])
        #expect(byName.featureNames == ["f1", "f2"])
    }

    @Test func clientColumnGroupsSamplesByFirstAppearance() throws {
        let csv = try parse("client,x,y\nu2,1,0\nu1,2,1\nu2,3,1\n", CSVOptions(label: .name("y"), clientID: .name("client")))
        #expect(csv.clientIDs == ["u2", "u1", "u2"])
        let federated = csv.federated()
        #expect(federated.ids == ["u2", "u1"])
        #expect(federated.clients[0].training.features == [1, 3])
        #expect(federated.clients[0].training.labels == [0, 1])
        #expect(federated.clients[1].training.features == [2])
        #expect(federated.testSizes == [0, 0])
    }

    @Test func withoutClientColumnTheWholeFileIsOneClient() throws {
        let federated = try parse("1,0\n2,1\n").federated()
        #expect(federated.ids == ["all"])
        #expect(federated.trainingSizes == [2])
    }

    @Test func crlfBlankLinesQuotesAndSpacesAreAccepted() throws {
        let csv = try parse("\"na,me\",\"x \"\"q\"\"\",lab\r\n\r\n \"7\" , 8 ,1\r\n", CSVOptions(header: .present))
        #expect(csv.featureNames == ["na,me", "x \"q\""])
        #expect(csv.dataset.features == [7, 8])
        #expect(csv.dataset.labels == [1])
    }

    @Test func semicolonSeparatorShapeScaleAndLimitApply() throws {
        let options = CSVOptions(header: .absent, separator: UInt8(ascii: ";"), sampleShape: [1, 2, 2], classCount: 5,
                                 featureScale: 0.5, limit: 1)
        let csv = try parse("2;4;6;8;3\n1;1;1;1;1\n", options)
        #expect(csv.dataset.sampleShape == [1, 2, 2])
        #expect(csv.dataset.features == [1, 2, 3, 4])
        #expect(csv.dataset.labels == [3])
        #expect(csv.dataset.classCount == 5)
    }

    @Test func integralDecimalLabelsAreAccepted() throws {
        #expect(try parse("1,3.0\n2,0\n").dataset.labels == [3, 0])
    }

    @Test func gzippedFileLoadsLikeTheRawOne() throws {
        let directory = try temporaryDirectory("csv-gz")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let text = Array("f,g,y\n0.25,1,1\n2,3,0\n".utf8)
        try writeFile(text, to: directory + "/raw.csv")
        try writeFile(Gzip.storedMember(text), to: directory + "/packed.csv.gz")
        let raw = try CSVDataset.load(contentsOfFile: directory + "/raw.csv")
        let packed = try CSVDataset.load(contentsOfFile: directory + "/packed.csv.gz")
        #expect(raw == packed)
        #expect(packed.dataset.features == [0.25, 1, 2, 3])
    }

    @Test func bundledDigitsLoadAllRowsScaled() throws {
        let digits = try Digits.loadBundled()
        #expect(digits.count == 1_797)
        #expect(digits.sampleShape == [64])
        #expect(digits.classCount == 10)
        // First row of the file: 0,0,5,13,9,1,0,0,… label 0.
        let firstSix: [Float] = [0, 0, 5, 13, 9, 1].map { $0 / 16 }
        #expect(Array(digits.features.prefix(6)) == firstSix)
        #expect(digits.labels[0] == 0)
        var histogram = [Int](repeating: 0, count: 10)
        for label in digits.labels { histogram[Int(label)] += 1 }
        #expect(histogram == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
        #expect(digits.features.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    @Test func bundledDigitsHonourTheLimit() throws {
        #expect(try Digits.loadBundled(limit: 10).count == 10)
    }
}
