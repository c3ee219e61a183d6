/// Why a simulation's results could not be read or written; every case names the file or line at fault.
public enum SimulationOutputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Line `line` (counting from 1) of a JSON Lines history is not a simulation record.
    case malformedLine(line: Int, reason: String)
    /// The output path exists but is not a directory.
    case notADirectory(path: String)
    /// The output directory could not be created.
    case cannotCreateDirectory(path: String, reason: String)
    /// A result file could not be written.
    case cannotWrite(path: String, reason: String)

    /// A sentence for people.
    public var description: String {
        switch self {
        case .malformedLine(let line, let reason): "JSON Lines history, line \(line): not a simulation record: \(reason)"
        case .notADirectory(let path): "\(path): exists and is not a directory; choose another output directory"
        case .cannotCreateDirectory(let path, let reason): "\(path): cannot create the output directory: \(reason)"
        case .cannotWrite(let path, let reason): "\(path): cannot write: \(reason)"
        }
    }
}
