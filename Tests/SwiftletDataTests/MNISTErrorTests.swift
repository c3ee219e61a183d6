import Foundation
import Testing
@testable import SwiftletData

/// Malformed MNIST directories written as raw IDX files into a temporary folder.
@Suite struct MNISTErrorTests {
    /// Writes `t10k-*` files: `images` blank 28×28 (or `imageSide`) images and the given labels.
    func writeTestSplit(to directory: String, images: Int, imageSide: Int = 28, labels: [UInt8]) throws {
        let imageFile = try IDXFile(dimensions: [images, imageSide, imageSide], dataType: .uint8,
                                    rawBytes: [UInt8](repeating: 0, count: images * imageSide * imageSide))
        try imageFile.write(toFile: directory + "/t10k-images-idx3-ubyte")
        try IDXFile(dimensions: [labels.count], dataType: .uint8, rawBytes: labels)
            .write(toFile: directory + "/t10k-labels-idx1-ubyte")
    }

    func failure(_ directory: String) -> MNISTError? {
        do { _ = try MNIST.load(.test, from: directory) } catch { return error }
        return nil
    }

    @Test func rawFilesLoad() throws {
        let directory = try temporaryDirectory("mnist-raw")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try writeTestSplit(to: directory, images: 2, labels: [3, 9])
        let dataset = try MNIST.load(.test, from: directory)
        #expect(dataset.labels == [3, 9])
        #expect(dataset.features == [Float](repeating: 0, count: 2 * 784))
    }

    @Test func disagreeingCountsNameBothFiles() throws {
        let directory = try temporaryDirectory("mnist-count")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try writeTestSplit(to: directory, images: 2, labels: [1, 2, 3])
        #expect(failure(directory) == .countMismatch(imagesFile: directory + "/t10k-images-idx3-ubyte", images: 2,
                                                     labelsFile: directory + "/t10k-labels-idx1-ubyte", labels: 3))
    }

    @Test func labelOfTenIsRejectedWithItsSample() throws {
        let directory = try temporaryDirectory("mnist-label")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try writeTestSplit(to: directory, images: 3, labels: [1, 10, 2])
        #expect(failure(directory) == .labelOutOfRange(file: directory + "/t10k-labels-idx1-ubyte", sample: 1, label: 10))
    }

    @Test func imagesThatAreNot28By28AreRejected() throws {
        let directory = try temporaryDirectory("mnist-shape")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try writeTestSplit(to: directory, images: 1, imageSide: 27, labels: [1])
        guard case .unexpectedFormat(let file, _)? = failure(directory) else {
            Issue.record("expected unexpectedFormat")
            return
        }
        #expect(file == directory + "/t10k-images-idx3-ubyte")
    }

    @Test func missingFilesListTheNamesTried() throws {
        let directory = try temporaryDirectory("mnist-missing")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let base = directory + "/t10k-images-idx3-ubyte"
        #expect(failure(directory) == .missingFile(tried: [base, base + ".gz"]))
    }

    @Test func corruptFileIsNamed() throws {
        let directory = try temporaryDirectory("mnist-corrupt")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try writeTestSplit(to: directory, images: 1, labels: [1])
        try writeFile([0, 0, 0x08, 1, 0, 0, 0, 4, 1], to: directory + "/t10k-labels-idx1-ubyte")
        let path = directory + "/t10k-labels-idx1-ubyte"
        #expect(failure(directory) == .idx(IDXError(.truncatedData(expected: 4, available: 1), file: path)))
    }
}
