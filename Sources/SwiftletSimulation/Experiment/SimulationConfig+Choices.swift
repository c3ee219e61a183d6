/// The datasets a simulation can read, by their config names.
public enum DatasetKind: String, Sendable, Equatable, CaseIterable {
    /// IDX files named like MNIST's (also Fashion-MNIST, EMNIST): `path` is their directory.
    case mnist
    /// LEAF's FEMNIST JSON (62 classes, natural writers): `path` is the training file, `test-path` the test file.
    case femnist
    /// A text corpus split by speaker, next-character prediction: `path` is the text file.
    case shakespeare
    /// scikit-learn's 8×8 digits as CSV (64 features, label last, no header): `path` is the CSV file.
    case digits
    /// A folder of Speech Commands WAV clips, featurised to log-mel spectrograms: `path` is the folder.
    case speechCommands = "speech-commands"
    /// Any CSV with a header: feature columns, `label-column`, optionally `client-column`.
    case csv
    /// Any LEAF JSON (`users`, `num_samples`, `user_data`): `path` is the training file.
    case leaf
    /// LEAF's Synthetic(α, β), generated on demand per client.
    case synthetic

    /// Whether samples carry a client id, so the `natural` partition applies.
    public var hasNaturalClients: Bool {
        switch self {
        case .femnist, .shakespeare, .speechCommands, .leaf: true
        case .mnist, .digits, .csv, .synthetic: false
        }
    }
}

/// How training samples are dealt to clients (see SwiftletData's `Partitioner`).
public enum PartitionScheme: String, Sendable, Equatable, CaseIterable {
    /// Shuffled and dealt evenly.
    case iid
    /// McMahan et al.'s pathological split: sorted by label, cut into shards, `shards-per-client` each.
    case shards
    /// Label skew: each class spread over clients by Dirichlet(α) proportions.
    case dirichlet
    /// One client per writer, speaker or CSV client id.
    case natural
    /// IID labels, skewed sizes (power-law or log-normal).
    case quantitySkew = "quantity-skew"
}

/// The distribution of client sizes under `quantity-skew`.
public enum SizeDistribution: String, Sendable, Equatable, CaseIterable {
    /// Weights drawn from a power law with `exponent`.
    case powerLaw = "power-law"
    /// Weights drawn from a log-normal with `sigma`.
    case logNormal = "log-normal"
}

/// The local optimizers a fit config can name (``SwiftletFederated/FitConfigKey/optimizer``).
public enum LocalOptimizer: String, Sendable, Equatable, CaseIterable {
    /// PyTorch's `torch.optim.SGD`.
    case sgd
    /// PyTorch's `torch.optim.Adam`.
    case adam
}

/// What a round with too few accepted results does.
public enum FailurePolicy: String, Sendable, Equatable, CaseIterable {
    /// Keep the global model and go on to the next round.
    case skip
    /// End the run.
    case stop
    /// Run the round again, up to `retries` times.
    case retry
}
