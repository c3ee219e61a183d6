import Foundation
import Testing
@testable import SwiftletData

/// Every malformed LEAF file ends in the typed error naming the user and sample at fault.
@Suite struct LEAFErrorTests {
    func failure(_ text: String, sampleShape: [Int]? = nil, classCount: Int? = nil) -> LEAFError? {
        do { _ = try LEAF.parse(Array(text.utf8), file: "f.json", sampleShape: sampleShape, classCount: classCount) } catch {
            return error
        }
        return nil
    }

    func file(users: String = #"["a"]"#, counts: String = "[1]", data: String = #"{"a": {"x": [[1, 2]], "y": [0]}}"#) -> String {
        #"{"users": \#(users), "num_samples": \#(counts), "user_data": \#(data)}"#
    }

    @Test func wellFormedBaselineParses() {
        #expect(failure(file()) == nil)
    }

    @Test func missingUsersKeyIsReported() {
        #expect(failure(#"{"num_samples": [], "user_data": {}}"#) == LEAFError(.missingKey("users"), file: "f.json"))
    }

    @Test func usersAndNumSamplesMustAgree() {
        #expect(failure(file(counts: "[1, 2]")) == LEAFError(.countMismatch(users: 1, numSamples: 2), file: "f.json"))
    }

    @Test func listedUserWithoutDataIsNamed() {
        #expect(failure(file(users: #"["a", "b"]"#, counts: "[1, 1]")) == LEAFError(.missingUserData, file: "f.json", user: "b"))
    }

    @Test func unlistedUserDataIsNamed() {
        let data = #"{"a": {"x": [[1, 2]], "y": [0]}, "z": {"x": [], "y": []}}"#
        #expect(failure(file(data: data)) == LEAFError(.unlistedUser, file: "f.json", user: "z"))
    }

    @Test func duplicateUserIsNamed() {
        #expect(failure(file(users: #"["a", "a"]"#, counts: "[1, 1]")) == LEAFError(.duplicateUser, file: "f.json", user: "a"))
    }

    @Test func sampleCountsMustAgree() {
        let data = #"{"a": {"x": [[1, 2], [3, 4]], "y": [0]}}"#
        #expect(failure(file(counts: "[2]", data: data)) == LEAFError(.sampleCountMismatch(declared: 2, x: 2, y: 1), file: "f.json", user: "a"))
    }

    @Test func raggedRowNamesUserAndSample() {
        let data = #"{"a": {"x": [[1, 2], [3, 4], [5]], "y": [0, 0, 0]}}"#
        #expect(failure(file(counts: "[3]", data: data)) == LEAFError(.rowLength(expected: 2, found: 1), file: "f.json", user: "a", sample: 2))
    }

    @Test func rowNotFillingTheSampleShapeIsReported() {
        #expect(failure(file(), sampleShape: [3]) == LEAFError(.rowLength(expected: 3, found: 2), file: "f.json", user: "a", sample: 0))
    }

    @Test func fractionalLabelNamesUserAndSample() {
        let data = #"{"a": {"x": [[1, 2], [3, 4]], "y": [0, 1.5]}}"#
        #expect(failure(file(counts: "[2]", data: data)) == LEAFError(.labelNotInteger("1.5"), file: "f.json", user: "a", sample: 1))
    }

    @Test func negativeLabelIsNotAnInteger() {
        let data = #"{"a": {"x": [[1, 2]], "y": [-1]}}"#
        #expect(failure(file(data: data)) == LEAFError(.labelNotInteger("-1"), file: "f.json", user: "a", sample: 0))
    }

    @Test func labelAtTheClassCountIsOutOfRange() {
        let data = #"{"a": {"x": [[1, 2]], "y": [62]}}"#
        #expect(failure(file(data: data), classCount: 62) == LEAFError(.labelOutOfRange(label: 62, classes: 62), file: "f.json", user: "a", sample: 0))
    }

    @Test func textLabelOfTwoCharactersIsRejected() {
        let data = #"{"a": {"x": ["ab"], "y": ["cd"]}}"#
        #expect(failure(file(data: data)) == LEAFError(.labelNotCharacter("cd"), file: "f.json", user: "a", sample: 0))
    }

    @Test func overflowingFeatureIsNotFinite() {
        let data = #"{"a": {"x": [[1, 1e999]], "y": [0]}}"#
        #expect(failure(file(data: data)) == LEAFError(.nonFinite("1e999"), file: "f.json", user: "a", sample: 0))
    }

    @Test func missingLabelsKeyIsReported() {
        let data = #"{"a": {"x": [[1, 2]]}}"#
        #expect(failure(file(data: data)) == LEAFError(.missingKey("y"), file: "f.json", user: "a"))
    }

    @Test func truncatedFileIsASyntaxErrorAtItsOffset() {
        // Cut inside the key "user_data", which starts at byte 37.
        let cut = String(file().prefix(40))
        #expect(failure(cut) == LEAFError(.syntax(expected: "the end of a string"), file: "f.json", offset: 40))
    }

    @Test func stringInsideANumericRowIsASyntaxErrorNamingTheUser() {
        let data = #"{"a": {"x": [["1", 2]], "y": [0]}}"#
        let error = failure(file(data: data))
        #expect(error?.reason == .syntax(expected: "a number"))
        #expect(error?.user == "a")
    }

    @Test func trailingGarbageIsRejected() {
        #expect(failure(file() + " x")?.reason == .syntax(expected: "the end of the file"))
    }

    @Test func emptySampleShapeRejectsEveryRow() {
        #expect(failure(file(), sampleShape: [0, 2]) == LEAFError(.rowLength(expected: 0, found: 2), file: "f.json", user: "a", sample: 0))
    }

    @Test func noUsersIsAnError() {
        #expect(failure(#"{"users": [], "num_samples": [], "user_data": {}}"#) == LEAFError(.noUsers, file: "f.json"))
    }

    @Test func bundledFEMNISTRejectsAShortRow() throws {
        let directory = try temporaryDirectory("leaf-femnist")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let row = "[" + Array(repeating: "1.0", count: 783).joined(separator: ", ") + "]"
        try writeFile(Array(#"{"users": ["w"], "num_samples": [1], "user_data": {"w": {"x": [\#(row)], "y": [3]}}}"#.utf8),
                      to: directory + "/train.json")
        #expect(throws: LEAFError(.rowLength(expected: 784, found: 783), file: directory + "/train.json", user: "w", sample: 0)) {
            try FEMNIST.load(training: directory + "/train.json")
        }
    }

    @Test func missingFileIsUnreadableAndNamed() {
        #expect(throws: LEAFError(.unreadable("no such file"), file: "/nonexistent/swiftlet.json")) {
            try LEAF.load(training: "/nonexistent/swiftlet.json")
        }
    }
}
