#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SwiftletSimulation

/// The simulator's progress on standard output: one redrawn line on a terminal, one plain line per round
/// when piped (CI logs, files), so logs stay readable and terminals stay tidy.
///
/// The text comes from ``SwiftletSimulation/SimulationProgress``; this type only decides how to print it.
struct ProgressBar {
    /// Whether standard output is a terminal (redraw with `\r`) rather than a pipe or file (plain lines).
    let isTerminal: Bool
    private var progress: SimulationProgress
    private var drawn = false

    /// A bar for a run of `totalRounds` rounds; `isTerminal` defaults to whether stdout is a tty.
    init(totalRounds: Int, isTerminal: Bool = isatty(1) != 0) {
        self.isTerminal = isTerminal
        progress = SimulationProgress(totalRounds: totalRounds)
    }

    /// Shows `record`, reported `wallSeconds` after the run started.
    mutating func update(with record: SimulationRecord, wallSeconds: Double) {
        progress.update(with: record, wallSeconds: wallSeconds)
        if isTerminal {
            // Carriage return, the line, then "erase to end of line" so a shorter line leaves no remnants.
            print("\r" + progress.barLine() + "\u{1B}[K", terminator: "")
            fflush(nil)  // all streams: naming `stdout` is not concurrency-safe in Swift 6
            drawn = true
        } else {
            print(progress.plainLine)
        }
    }

    /// Ends the redrawn line, so what follows starts on a fresh one.
    mutating func finish() {
        if isTerminal && drawn { print("") }
        drawn = false
    }
}
