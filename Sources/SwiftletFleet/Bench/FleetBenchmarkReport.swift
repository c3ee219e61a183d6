/// What `swiftlet-fleet bench` measured, as its JSON file holds it.
public struct FleetBenchmarkReport: Sendable, Codable, Equatable {
    /// Nodes registered and polling an idle server.
    public struct Polling: Sendable, Codable, Equatable {
        /// Nodes that registered and activated.
        public var nodes: Int
        /// Seconds until every node had activated.
        public var registrationSeconds: Double
        /// Seconds of steady polling measured.
        public var measuredSeconds: Double
        /// Requests answered per second while measured.
        public var requestsPerSecond: Double
        /// Latency of every request while measured, and per RPC.
        public var latency: LatencySummary
        /// Server resident memory at the end of the measurement, bytes.
        public var serverRSSBytes: Int
        /// Server peak resident memory, bytes.
        public var serverPeakRSSBytes: Int
    }

    /// Rounds in which every node pushes a `2nn` update.
    public struct Rounds: Sendable, Codable, Equatable {
        /// Nodes, all sampled every round.
        public var nodes: Int
        /// Rounds run.
        public var rounds: Int
        /// The model and its parameter count.
        public var model: String
        /// Parameters per update.
        public var parameters: Int
        /// Seconds from launching the server to its listening: loading the experiment and, in a fresh
        /// deployment's folder, writing the first round's spare object files.
        public var serverStartSeconds: Double
        /// Each round's duration on the server's clock (instructions posted → aggregate done), seconds.
        public var roundSeconds: [Double]
        /// Results accepted per round.
        public var accepted: [Int]
        /// Server CPU time (user + system) in each round, seconds: over the round's duration ending when the
        /// benchmark saw it end (``CPUTimeline``), sampled from `/proc` four times a second.
        public var serverCPUSeconds: [Double]
        /// 1 / mean round duration.
        public var roundsPerSecond: Double
        /// Latency of every node request during the rounds, and per RPC.
        public var latency: LatencySummary
        /// Server peak resident memory, bytes.
        public var serverPeakRSSBytes: Int
        /// The codec updates travelled through (`f32le`: plain arrays).
        public var uplinkCodec: String
        /// The codec models travelled through (`f32le`: the whole model every round).
        public var downlinkCodec: String
        /// Whether nodes kept an error-feedback residual.
        public var errorFeedback: Bool
        /// Object bytes every node together pushed (updates) in each round.
        public var uploadBytes: [Int]
        /// Object bytes every node together pulled (instructions) in each round.
        public var downloadBytes: [Int]
    }

    /// The rounds phase again with Flower serving the same nodes, for a same-run ratio.
    public struct FlowerRounds: Sendable, Codable, Equatable {
        /// What served the rounds.
        public var peer: String
        /// Nodes, all sampled every round.
        public var nodes: Int
        /// Rounds run.
        public var rounds: Int
        /// Each round's duration on the ServerApp's clock (instructions made → aggregate done), seconds.
        public var roundSeconds: [Double]
        /// Replies aggregated per round.
        public var accepted: [Int]
        /// Error replies per round (their reasons are in the ServerApp's record, `flower/rounds.jsonl`).
        public var errorReplies: [Int]
        /// CPU time (user + system) of the SuperLink and the ServerApp together in each round, seconds,
        /// measured as ``Rounds/serverCPUSeconds`` is.
        public var cpuSeconds: [Double]
        /// 1 / mean round duration.
        public var roundsPerSecond: Double
        /// Latency of every node request during the rounds, and per RPC.
        public var latency: LatencySummary
        /// Peak resident memory of the SuperLink and the ServerApp together (sampled four times a second), bytes.
        public var peakRSSBytes: Int
        /// Object bytes every node together pushed in each round.
        public var uploadBytes: [Int]
        /// Object bytes every node together pulled in each round.
        public var downloadBytes: [Int]
        /// Flower's mean round time over the Swiftlet server's in the same run (> 1: Swiftlet is faster).
        public var roundTimeRatio: Double?
        /// Flower's mean CPU per round (rounds 2…) over the Swiftlet server's in the same run.
        public var cpuRatio: Double?
    }

    /// The polling phase, when run.
    public var polling: Polling?
    /// The rounds phase, when run.
    public var rounds: Rounds?
    /// The rounds served by Flower, when asked for.
    public var flower: FlowerRounds?
    /// Cores of the machine.
    public var cores: Int
    /// When it ran (ISO 8601).
    public var date: String
}
