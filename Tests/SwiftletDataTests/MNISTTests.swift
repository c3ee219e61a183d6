import Foundation
import Testing
@testable import SwiftletData

/// Reference figures computed independently with Python's gzip module from Data/mnist.
@Suite struct MNISTTests {
    @Test func bundledTestSplitHasTenThousandSamples() throws {
        let test = try MNIST.loadBundled(.test)
        #expect(test.count == 10_000)
        #expect(test.sampleShape == [1, 28, 28])
        #expect(test.classCount == 10)
        #expect(test.features.count == 10_000 * 784)
    }

    @Test func bundledTestSplitStartsWithASeven() throws {
        let test = try MNIST.loadBundled(.test)
        #expect(Array(test.labels.prefix(10)) == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9])
    }

    @Test func firstTestImagePixelsAreScaledToUnitRange() throws {
        let test = try MNIST.loadBundled(.test)
        // Row 7 of the first image holds 84, 185, 159, 151, 60, 36 in columns 6–11, zeros elsewhere.
        let row = Array(test.features[(7 * 28)..<(8 * 28)])
        var expected = [Float](repeating: 0, count: 28)
        for (column, value) in zip(6..., [84, 185, 159, 151, 60, 36] as [Float]) { expected[column] = value / 255 }
        #expect(row == expected)
        // The first image's 784 pixels sum to 18454 (as bytes), with 116 non-zero.
        let first = test.features.prefix(784)
        #expect(first.reduce(0) { $0 + Double($1 * 255).rounded() } == 18454)
        #expect(first.filter { $0 != 0 }.count == 116)
        #expect(test.features.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    @Test func bundledTestLabelsMatchTheirKnownChecksums() throws {
        let test = try MNIST.loadBundled(.test)
        #expect(test.labels.reduce(0) { $0 + Int($1) } == 44434)
        #expect(CRC32.checksum(test.labels.map { UInt8($0) }) == 0xEE86_04D9)
        var counts = [Int](repeating: 0, count: 10)
        for label in test.labels { counts[Int(label)] += 1 }
        #expect(counts == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009])
    }

    @Test func trainSplitWithLimitKeepsTheFirstSamples() throws {
        let train = try MNIST.loadBundled(.train, limit: 100)
        #expect(train.count == 100)
        #expect(Array(train.labels.prefix(10)) == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4])
        // The first 100 training images' pixels sum to 2530887 (as bytes).
        #expect(train.features.reduce(0) { $0 + Double($1 * 255).rounded() } == 2_530_887)
    }

    @Test func bundledDirectoryHoldsTheFourFiles() throws {
        let directory = try BundledData.mnistDirectory()
        #expect(directory.hasSuffix("Data/mnist"))
        for split in MNIST.Split.allCases {
            #expect(FileManager.default.fileExists(atPath: directory + "/" + split.imagesFileName + ".gz"))
            #expect(FileManager.default.fileExists(atPath: directory + "/" + split.labelsFileName + ".gz"))
        }
    }
}
