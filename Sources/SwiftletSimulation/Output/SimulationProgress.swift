/// A run's progress as the terminal shows it: the rounds done, the latest test accuracy, simulated and
/// wall time and the bytes sent, formatted as a redrawn bar or as one plain line per round.
///
/// Pure formatting: the command line feeds it each record with the wall-clock time, and decides whether
/// to redraw (`\r`, on a terminal) or print lines (piped, CI). Wall time never reaches the result files.
public struct SimulationProgress: Sendable, Equatable {
    /// The number of rounds the run is configured for.
    public var totalRounds: Int
    /// The last training round reported (0 before the first).
    public private(set) var round = 0
    /// The latest central test accuracy, if any round has been evaluated.
    public private(set) var accuracy: Double?
    /// Simulated seconds since the run started, at the end of the last reported round.
    public private(set) var simulatedSeconds = 0.0
    /// Wall-clock seconds since the run started.
    public private(set) var wallSeconds = 0.0
    /// Encoded update bytes received so far.
    public private(set) var uploadedBytes = 0
    /// The last record's one-line account, for the plain output.
    private var lastDetail = ""

    /// Progress of a run of `totalRounds` rounds, before any has run.
    public init(totalRounds: Int) {
        self.totalRounds = totalRounds
    }

    /// Takes in the next record, reported `wallSeconds` after the run started.
    public mutating func update(with record: SimulationRecord, wallSeconds: Double) {
        round = max(round, record.round.round)
        if let accuracy = record.testAccuracy { self.accuracy = accuracy }
        simulatedSeconds = max(simulatedSeconds, record.simulatedEnd)
        self.wallSeconds = wallSeconds
        uploadedBytes += record.uploadBytes
        let r = record.round
        var detail = "round \(r.round)/\(totalRounds)" + (r.attempt > 1 ? " (attempt \(r.attempt))" : "")
        if r.round == 0 {
            detail += "  initial evaluation"
        } else {
            detail += "  \(r.status.rawValue)  accepted \(record.count(.accepted))/\(r.sampled.count)"
        }
        if let loss = record.trainLoss { detail += "  loss " + SVGText.fixed(loss, decimals: 4) }
        lastDetail = detail
    }

    /// A bar of `width` cells, `#` for done and `.` for to do, in brackets: `[###.......]`.
    ///
    /// Cells fill only when whole, so the bar is full exactly when every round is done.
    public static func bar(done: Int, total: Int, width: Int = 10) -> String {
        let width = max(width, 0)
        let filled = total > 0 ? min(width, max(0, done) * width / total) : (done > 0 ? width : 0)
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
    }

    /// The common tail: `acc 96.12%  sim 1h 04m  wall 38s  up 12.3 MB`.
    private var figures: String {
        "acc " + (accuracy.map { UnitFormat.percent($0) } ?? "-") + "  sim " + UnitFormat.duration(simulatedSeconds)
            + "  wall " + UnitFormat.duration(wallSeconds) + "  up " + UnitFormat.bytes(Double(uploadedBytes))
    }

    /// The terminal's redrawn line: `[###.......] 23/60  acc 96.12%  sim 1h 04m  wall 38s  up 12.3 MB`.
    public func barLine(width: Int = 10) -> String {
        Self.bar(done: round, total: totalRounds, width: width) + " \(round)/\(totalRounds)  " + figures
    }

    /// The plain line for the last record: `round 23/60  completed  accepted 10/10  loss 0.1234  acc …`.
    public var plainLine: String { (lastDetail.isEmpty ? "round 0/\(totalRounds)" : lastDetail) + "  " + figures }
}
