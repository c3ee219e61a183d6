import Foundation
import Testing
@testable import SwiftletData

/// Every malformed CSV case ends in the typed error naming its line and column.
@Suite struct CSVErrorTests {
    func failure(_ text: String, _ options: CSVOptions = CSVOptions()) -> CSVError? {
        do { _ = try CSVDataset.parse(Array(text.utf8), file: "t.csv", options: options) } catch { return error }
        return nil
    }

    @Test func raggedRowNamesItsLine() {
        #expect(failure("a,b,y\n1,2,0\n1,0\n") == CSVError(.raggedRow(expected: 3, found: 2), file: "t.csv", line: 3))
    }

    @Test func nonNumericCellNamesLineAndColumn() {
        #expect(failure("a,b,y\n1,2,0\n1,x2,0\n") == CSVError(.nonNumeric(cell: "x2"), file: "t.csv", line: 3, column: 2))
    }

    @Test func emptyCellIsNonNumeric() {
        #expect(failure("1,,0\n", CSVOptions(header: .absent)) == CSVError(.nonNumeric(cell: ""), file: "t.csv", line: 1, column: 2))
    }

    @Test func nanFeatureIsRejected() {
        #expect(failure("a,y\nnan,0\n", CSVOptions(header: .present)) == CSVError(.nonFinite(cell: "nan"), file: "t.csv", line: 2, column: 1))
    }

    @Test func infiniteFeatureIsRejected() {
        #expect(failure("a,y\n1e999,0\n", CSVOptions(header: .present)) == CSVError(.nonFinite(cell: "1e999"), file: "t.csv", line: 2, column: 1))
    }

    @Test func fractionalLabelIsNotAnInteger() {
        #expect(failure("a,y\n1,2.5\n") == CSVError(.labelNotInteger(cell: "2.5"), file: "t.csv", line: 2, column: 2))
    }

    @Test func negativeLabelIsNotAClassIndex() {
        #expect(failure("a,y\n1,-1\n") == CSVError(.labelNotInteger(cell: "-1"), file: "t.csv", line: 2, column: 2))
    }

    @Test func labelAtTheClassCountIsOutOfRange() {
        #expect(failure("1,3\n", CSVOptions(classCount: 3)) == CSVError(.labelOutOfRange(label: 3, classes: 3), file: "t.csv", line: 1, column: 2))
    }

    @Test func unknownColumnNameIsReported() {
        #expect(failure("a,y\n1,0\n", CSVOptions(label: .name("label"))) == CSVError(.unknownColumn("label"), file: "t.csv", line: 1))
    }

    @Test func namedColumnNeedsAHeader() {
        #expect(failure("1,0\n", CSVOptions(label: .name("y"))) == CSVError(.namedColumnWithoutHeader("y"), file: "t.csv"))
    }

    @Test func columnIndexPastTheRowIsReported() {
        #expect(failure("1,0\n", CSVOptions(label: .index(2))) == CSVError(.columnOutOfRange(index: 2, columns: 2), file: "t.csv", line: 1))
    }

    @Test func labelAndClientCannotShareAColumn() {
        #expect(failure("1,0\n", CSVOptions(label: .index(1), clientID: .last)) == CSVError(.sameColumnTwice(1), file: "t.csv"))
    }

    @Test func labelOnlyFileHasNoFeatures() {
        #expect(failure("0\n1\n") == CSVError(.noFeatureColumns, file: "t.csv"))
    }

    @Test func headerWithoutRowsIsEmpty() {
        #expect(failure("a,y\n\n") == CSVError(.noRows, file: "t.csv"))
        #expect(failure("") == CSVError(.noRows, file: "t.csv"))
    }

    @Test func sampleShapeMustHoldTheFeatures() {
        #expect(failure("1,2,3,0\n", CSVOptions(sampleShape: [2, 2])) == CSVError(.sampleShapeMismatch(shape: [2, 2], features: 3), file: "t.csv"))
    }

    @Test func unclosedQuoteNamesLineAndColumn() {
        #expect(failure("1,\"2,0\n") == CSVError(.unterminatedQuote, file: "t.csv", line: 1, column: 2))
    }

    @Test func nonPositiveClassCountIsRejected() {
        #expect(failure("1,0\n", CSVOptions(classCount: 0)) == CSVError(.invalidClassCount(0), file: "t.csv"))
    }

    @Test func missingFileIsUnreadableAndNamed() {
        let path = "/nonexistent/swiftlet/x.csv"
        #expect(throws: CSVError(.unreadable("no such file"), file: path)) {
            try CSVDataset.load(contentsOfFile: path)
        }
    }

    @Test func corruptGzipIsReportedWithTheFile() throws {
        let directory = try temporaryDirectory("csv-badgz")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var packed = Gzip.storedMember(Array("1,0\n".utf8))
        packed[packed.count - 8] ^= 0xFF  // Break the CRC-32.
        try writeFile(packed, to: directory + "/bad.csv.gz")
        do {
            _ = try CSVDataset.load(contentsOfFile: directory + "/bad.csv.gz")
            Issue.record("expected a gzip error")
        } catch {
            guard case .gzip = error.reason else { Issue.record("expected a gzip error, got \(error)"); return }
            #expect(error.file == directory + "/bad.csv.gz")
        }
    }

    @Test func descriptionNamesFileLineAndColumn() {
        #expect(CSVError(.nonNumeric(cell: "x"), file: "d.csv", line: 4, column: 2).description == "d.csv:4:2: 'x' is not a number")
    }
}
