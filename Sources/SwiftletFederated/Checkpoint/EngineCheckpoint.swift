/// Everything a round engine needs to carry on after a crash: written after each finished round, read back by
/// ``RoundEngine/run(resumingFrom:)``.
///
/// A checkpoint is a value. ``encoded()`` turns it into a self-describing, versioned byte string (format in
/// ``EngineCheckpoint/magic``'s documentation) that the server's state store keeps; ``init(decoding:)`` reads
/// it back and refuses anything malformed, so a torn or corrupted file is reported, never half-loaded.
///
/// The engine's clock time is part of it: a resumed run continues the records' start times and the time
/// budget where they stopped (time spent down does not count).
public struct EngineCheckpoint: Sendable, Equatable {
    /// The last round the engine finished: completed, or failed and skipped under ``RoundFailurePolicy/skip``.
    /// A resumed run continues with the round after it.
    public var round: Int
    /// The attempt that finished ``round`` (1 unless it was retried).
    public var attempt: Int
    /// The engine clock's time since the run started when the round finished.
    public var elapsed: Duration
    /// The name of the strategy that wrote it (``Strategy/name``); a resume with another strategy is refused.
    public var strategy: String
    /// The global model after ``round``.
    public var parameters: ArrayRecord
    /// Every record up to and including ``round``.
    public var history: History
    /// The strategy's between-rounds state after ``round``.
    public var strategyState: StrategyState

    /// Creates a checkpoint.
    public init(round: Int, attempt: Int = 1, elapsed: Duration = .zero, strategy: String, parameters: ArrayRecord,
                history: History, strategyState: StrategyState = StrategyState()) {
        self.round = round
        self.attempt = attempt
        self.elapsed = elapsed
        self.strategy = strategy
        self.parameters = parameters
        self.history = history
        self.strategyState = strategyState
    }

    /// The first bytes of every encoded checkpoint, `SWLTCKPT`.
    ///
    /// Format version 1, all integers little-endian:
    ///
    ///     magic        8 bytes  "SWLTCKPT"
    ///     version      u16      1
    ///     flags        u16      0 (reserved)
    ///     payloadSize  u64      bytes of the payload that follows
    ///     payload:
    ///       round i64, attempt i64, elapsed seconds i64, elapsed attoseconds i64
    ///       strategy     string
    ///       parameters   arrays
    ///       state        u32 n, n × (string name, arrays); u32 n, n × (string name, f64 bits u64);
    ///                    u32 n, n × (string name, i64) — each sorted by name
    ///       history      u64 length, then the history's JSON Lines (``History/jsonLines()``)
    ///     crc32        u32      CRC-32 (IEEE) of every byte before it
    ///
    ///     string = u32 length, UTF-8 bytes
    ///     arrays = u32 specs, specs × (string name, u32 rank, rank × i64 dimension), u64 value count,
    ///              values as float32
    public static let magic: [UInt8] = Array("SWLTCKPT".utf8)
    /// The format version ``encoded()`` writes and ``init(decoding:)`` reads.
    public static let formatVersion: UInt16 = 1
}
