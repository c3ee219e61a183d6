import SwiftletTensor

/// LEAF's Synthetic(α, β) federation: every client has its own linear model and its own input distribution.
///
/// Li et al., "Federated Optimization in Heterogeneous Networks" (FedProx), MLSys 2020, §5.1, following Shamir
/// et al. 2014; packaged in LEAF (Caldas et al. 2018). 60 features, 10 classes. For client k:
/// - model: `u_k ~ N(0, α²)`; `W_k ∈ ℝ^{60×10}` and `b_k ∈ ℝ^{10}` have entries `~ N(u_k, 1)`;
/// - inputs: `B_k ~ N(0, β²)`; `v_k ∈ ℝ^{60}` has entries `~ N(B_k, 1)`; `x ~ N(v_k, Σ)`, Σ diagonal with
///   `Σ_jj = j^(−1.2)` (j = 1…60);
/// - label: `y = argmax softmax(W_kᵀ x + b_k)` (the argmax of the logits).
/// α controls how much the local models differ, β how much the local inputs differ. As in the reference code
/// (`np.random.normal(0, alpha)`), α and β are standard deviations. Client sizes follow ``SyntheticClientSizes``.
///
/// Nothing is stored: client k's size, model and samples are drawn from a generator derived from `(seed, k)`
/// alone, so building the federation is O(1), ``client(_:)`` costs O(that client's samples), and client k's data
/// does not depend on how many clients exist or which others were asked for.
public struct SyntheticFederatedDataset: Sendable {
    /// Features per sample.
    public static let featureCount = 60
    /// Classes.
    public static let classCount = 10

    /// Standard deviation of the per-client model means u_k.
    public let alpha: Double
    /// Standard deviation of the per-client input means B_k.
    public let beta: Double
    /// The number of clients.
    public let clients: Int
    /// The seed that fixes every client.
    public let seed: UInt64
    /// The distribution of client sizes.
    public let sizes: SyntheticClientSizes

    /// A federation of `clients` clients; nothing is generated until a client is asked for.
    ///
    /// - Throws: ``SyntheticDataError`` when α or β is negative, `clients < 1`, or `sizes` is invalid.
    public init(alpha: Double, beta: Double, clients: Int, seed: UInt64,
                sizes: SyntheticClientSizes = .leaf) throws(SyntheticDataError) {
        guard alpha >= 0, alpha.isFinite else { throw .invalidParameter(name: "alpha", value: alpha) }
        guard beta >= 0, beta.isFinite else { throw .invalidParameter(name: "beta", value: beta) }
        guard clients >= 1 else { throw .invalidClientCount(clients) }
        try sizes.validate()
        self.alpha = alpha
        self.beta = beta
        self.clients = clients
        self.seed = seed
        self.sizes = sizes
    }

    /// The number of samples client `client` holds, in O(1).
    public func sampleCount(client: Int) throws(SyntheticDataError) -> Int {
        var generator = try streams(client).size
        return sizes.draw(&generator)
    }

    /// All of client `client`'s samples: shape `[60]`, 10 classes, ``sampleCount(client:)`` samples.
    public func client(_ client: Int) throws(SyntheticDataError) -> LabeledDataset {
        let (sizeGenerator, generator) = try streams(client)
        var sizeStream = sizeGenerator
        return data(count: sizes.draw(&sizeStream), generator: generator)
    }

    /// The per-dimension input standard deviations `j^(−0.6)`, j = 1…60 (the square roots of Σ's diagonal).
    public static let inputDeviations: [Float] = (1...featureCount).map { Float(PortableMath.pow(Double($0), -0.6)) }

    /// Independent size and data streams for client `client`, derived from the seed and the index only.
    private func streams(_ client: Int) throws(SyntheticDataError) -> (size: SeededGenerator, data: SeededGenerator) {
        guard client >= 0, client < clients else { throw .clientOutOfRange(client: client, clients: clients) }
        let base = SeededGenerator(seed: seed).split(stream: UInt64(client))
        return (base.split(stream: 0), base.split(stream: 1))
    }

    /// Draws the client's model and input mean, then `count` samples.
    private func data(count: Int, generator: SeededGenerator) -> LabeledDataset {
        var generator = generator
        let features = Self.featureCount, classes = Self.classCount
        // Model, then input mean: u_k, W_k (600), b_k (10), B_k, v_k (60), drawn in that order from one stream.
        let model = generator.standardNormals(1 + features * classes + classes + 1 + features)
        let u = Float(alpha) * model[0]
        let weights = model[1...(features * classes)].map { u + $0 }  // [feature][class]
        let bias = model[(1 + features * classes)..<(1 + features * classes + classes)].map { u + $0 }
        let b = Float(beta) * model[1 + features * classes + classes]
        let mean = model[(2 + features * classes + classes)...].map { b + $0 }
        var x = generator.standardNormals(count * features)
        var labels = [Int32](repeating: 0, count: count)
        var logits = [Float](repeating: 0, count: classes)
        for sample in 0..<count {
            let row = sample * features
            for j in 0..<features { x[row + j] = mean[j] + Self.inputDeviations[j] * x[row + j] }
            for c in 0..<classes { logits[c] = bias[c] }
            for j in 0..<features {
                let value = x[row + j]
                for c in 0..<classes { logits[c] += value * weights[j * classes + c] }
            }
            var best = 0
            for c in 1..<classes where logits[c] > logits[best] { best = c }
            labels[sample] = Int32(best)
        }
        return try! LabeledDataset(sampleShape: [features], features: x, labels: labels, classCount: classes)
    }
}
