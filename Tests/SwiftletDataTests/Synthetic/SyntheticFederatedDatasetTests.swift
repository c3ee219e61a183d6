import Foundation
import Testing
@testable import SwiftletData

@Suite struct SyntheticFederatedDatasetTests {
    @Test func sameSeedGivesSameClientData() throws {
        let a = try SyntheticFederatedDataset(alpha: 1, beta: 1, clients: 30, seed: 7)
        let b = try SyntheticFederatedDataset(alpha: 1, beta: 1, clients: 30, seed: 7)
        let c = try SyntheticFederatedDataset(alpha: 1, beta: 1, clients: 30, seed: 8)
        #expect(try a.client(5) == b.client(5))
        #expect(try a.client(5) != c.client(5))
    }

    @Test func clientDoesNotDependOnFederationSize() throws {
        let small = try SyntheticFederatedDataset(alpha: 0.5, beta: 0.5, clients: 10, seed: 3)
        let huge = try SyntheticFederatedDataset(alpha: 0.5, beta: 0.5, clients: 1_000_000, seed: 3)
        #expect(try small.client(9) == huge.client(9))
        #expect(try huge.client(999_999).count == huge.sampleCount(client: 999_999))
    }

    @Test func samplesHaveSixtyFeaturesAndLabelsInRange() throws {
        let federation = try SyntheticFederatedDataset(alpha: 1, beta: 1, clients: 20, seed: 1)
        for k in 0..<20 {
            let data = try federation.client(k)
            #expect(data.sampleShape == [60] && data.classCount == 10)
            #expect(data.count == (try federation.sampleCount(client: k)))
            #expect(data.labels.allSatisfy { (0..<10).contains($0) })
        }
    }

    @Test func leafSizesAreBoundedWithMedianNearTwentyFive() throws {
        // ⌊exp(3 + 2z)⌋ + 5 has median ⌊e³⌋ + 5 = 25.
        let federation = try SyntheticFederatedDataset(alpha: 0, beta: 0, clients: 4001, seed: 2)
        let sizes = try (0..<4001).map { k throws(SyntheticDataError) in try federation.sampleCount(client: k) }.sorted()
        #expect(sizes.first! >= 5 && sizes.last! <= 1000)
        #expect((22...28).contains(sizes[2000]))
    }

    @Test func featureVarianceFollowsTheDiagonalCovariance() throws {
        // Within one client x ~ N(v_k, Σ), so dimension j's sample variance estimates j^(−1.2) (±5% at 20,000 samples).
        let sizes = SyntheticClientSizes(mu: 0, sigma: 0, minimum: 20_000, maximum: 20_000)
        let federation = try SyntheticFederatedDataset(alpha: 1, beta: 1, clients: 1, seed: 11, sizes: sizes)
        let data = try federation.client(0)
        #expect(data.count == 20_000)
        for j in [0, 1, 9, 29, 59] {
            let column = (0..<data.count).map { Double(data.features[$0 * 60 + j]) }
            let mean = column.reduce(0, +) / Double(column.count)
            let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(column.count - 1)
            let expected = pow(Double(j + 1), -1.2)
            #expect(abs(variance / expected - 1) < 0.05, "dimension \(j + 1): \(variance) vs \(expected)")
        }
    }

    @Test func largerBetaSpreadsClientInputMeansFurther() throws {
        // The first feature's client mean is v_k1 ~ N(B_k, 1) with B_k ~ N(0, β²): variance 1 + β² across clients.
        func spread(beta: Double) throws -> Double {
            let sizes = SyntheticClientSizes(mu: 0, sigma: 0, minimum: 200, maximum: 200)
            let federation = try SyntheticFederatedDataset(alpha: 0, beta: beta, clients: 400, seed: 5, sizes: sizes)
            let means = try (0..<400).map { k in
                let data = try federation.client(k)
                return (0..<data.count).map { Double(data.features[$0 * 60]) }.reduce(0, +) / Double(data.count)
            }
            let mean = means.reduce(0, +) / 400
            return means.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 399
        }
        #expect(abs(try spread(beta: 0) - 1) < 0.25)
        #expect(abs(try spread(beta: 2) - 5) < 1.2)
    }

    @Test func invalidParametersAreErrors() throws {
        #expect(throws: SyntheticDataError.invalidParameter(name: "alpha", value: -1)) {
            try SyntheticFederatedDataset(alpha: -1, beta: 0, clients: 1, seed: 0)
        }
        #expect(throws: SyntheticDataError.invalidParameter(name: "beta", value: -0.5)) {
            try SyntheticFederatedDataset(alpha: 0, beta: -0.5, clients: 1, seed: 0)
        }
        #expect(throws: SyntheticDataError.invalidClientCount(0)) {
            try SyntheticFederatedDataset(alpha: 0, beta: 0, clients: 0, seed: 0)
        }
        let federation = try SyntheticFederatedDataset(alpha: 0, beta: 0, clients: 3, seed: 0)
        #expect(throws: SyntheticDataError.clientOutOfRange(client: 3, clients: 3)) { try federation.client(3) }
    }
}
