/// The speed of one aggregation (or of the plain memory copy it is compared with).
///
/// Throughput counts only bytes **read**: for an aggregation, the float32 updates it consumed; for the copy,
/// the bytes copied (each is also written once, which the figure does not count).
public struct AggregationMeasurement: Codable, Sendable {
    /// What ran: `copy`, `FedAvg`, `median`, `trimmed mean`, `Krum`.
    public var name: String
    /// Threads the work was split over.
    public var threads: Int
    /// Updates aggregated (0 for the copy).
    public var updates: Int
    /// Floats per update (0 for the copy).
    public var parameters: Int
    /// Bytes read by one run.
    public var bytesRead: Int
    /// Timed runs.
    public var repeats: Int
    /// The fastest run, in seconds (the least disturbed by other work on the machine).
    public var bestSeconds: Double
    /// The median run, in seconds.
    public var medianSeconds: Double
    /// `bytesRead / bestSeconds / 10⁹`.
    public var gigabytesPerSecond: Double
    /// This throughput over the copy's at the same thread count, measured in the same run (`nil` for the copy).
    public var ratioToCopy: Double?

    enum CodingKeys: String, CodingKey {
        case name, threads, updates, parameters, repeats
        case bytesRead = "bytes_read"
        case bestSeconds = "best_seconds"
        case medianSeconds = "median_seconds"
        case gigabytesPerSecond = "gigabytes_per_second"
        case ratioToCopy = "ratio_to_copy"
    }

    /// A measurement from the timed runs `times` (seconds) of work that reads `bytesRead` bytes.
    public init(name: String, threads: Int, updates: Int, parameters: Int, bytesRead: Int, times: [Double],
                copy: AggregationMeasurement? = nil) {
        let sorted = times.sorted()
        self.name = name
        self.threads = threads
        self.updates = updates
        self.parameters = parameters
        self.bytesRead = bytesRead
        repeats = sorted.count
        bestSeconds = sorted.first ?? .nan
        medianSeconds = sorted.isEmpty ? .nan : sorted.count % 2 == 1
            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        gigabytesPerSecond = Double(bytesRead) / bestSeconds / 1e9
        ratioToCopy = copy.map { gigabytesPerSecond / $0.gigabytesPerSecond }
    }
}

/// Everything `swiftlet bench aggregate` measured.
public struct AggregationReport: Codable, Sendable {
    /// Floats per update (the `cnn` preset's 1,663,370).
    public var parameters: Int
    /// Distinct update vectors FedAvg cycles through, chosen so they do not fit in the last-level cache.
    public var distinctUpdates: Int
    /// Bytes the copy buffer holds.
    public var copyBytes: Int
    /// Copy bandwidth, one entry per thread count.
    public var copy: [AggregationMeasurement]
    /// FedAvg, one entry per thread count.
    public var fedAvg: [AggregationMeasurement]
    /// A whole FedAvg round through the round engine (validation, ordering, aggregation), main thread count.
    public var engineRound: AggregationMeasurement
    /// Median, trimmed mean and Krum (empty when skipped).
    public var robust: [AggregationMeasurement]

    enum CodingKeys: String, CodingKey {
        case parameters, copy, robust
        case distinctUpdates = "distinct_updates"
        case copyBytes = "copy_bytes"
        case fedAvg = "fedavg"
        case engineRound = "engine_round"
    }
}
