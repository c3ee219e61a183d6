/// Why a config cannot become a runnable experiment, found before any training, naming the config key, file
/// or fleet group at fault.
public enum ExperimentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The config itself: syntax, unknown keys, types, ranges, cross-field rules.
    case config(ConfigError)
    /// A config file that could not be read, or whose content is wrong (``config(_:)`` with the file named).
    case configFile(file: String, reason: String)
    /// A dataset file or folder that is missing, truncated or of the wrong format (the loader's message).
    case dataset(file: String, reason: String)
    /// The partition cannot be made (more clients than samples, more shards than samples, too few writers).
    case partition(key: String, reason: String)
    /// The model cannot be built for the dataset's sample shape and class count.
    case model(preset: String, reason: String)
    /// A fleet group's radio link is invalid or cannot carry one frame.
    case link(group: String, reason: String)
    /// A fleet group's device parameters are invalid.
    case device(group: String, reason: String)
    /// Training the model at the batch size needs more memory than the group's budget.
    case memory(group: String, model: String, batchSize: Int, required: Int, budget: Int)
    /// The strategy cannot be built with its options.
    case strategy(key: String, reason: String)

    /// The message for a person: what was wrong and where (key, file or fleet group).
    public var description: String {
        switch self {
        case .config(let error): "config: \(error)"
        case let .configFile(file, reason): "config \(file): \(reason)"
        case let .dataset(file, reason): "dataset \(file): \(reason)"
        case let .partition(key, reason): "\(key): \(reason)"
        case let .model(preset, reason): "model.preset \"\(preset)\": \(reason)"
        case let .link(group, reason): "\(group).link: \(reason)"
        case let .device(group, reason): "\(group): \(reason)"
        case let .memory(group, model, batchSize, required, budget):
            "\(group): training \(model) at batch size \(batchSize) needs \(required) bytes, "
                + "over the memory budget of \(budget) bytes"
        case let .strategy(key, reason): "\(key): \(reason)"
        }
    }
}
