/// Checks of strategy settings, each throwing ``AggregationError/invalidConfiguration(strategy:reason:)``
/// that names the strategy, the setting and the value.
///
/// Strategies run them in their initialisers, so a strategy value that exists has usable settings.
enum HyperparameterCheck {
    /// `value` must be finite and greater than zero (learning rates, τ).
    static func positive(_ value: Double, _ setting: String, strategy: String) throws(AggregationError) {
        guard value.isFinite, value > 0 else {
            throw .invalidConfiguration(strategy: strategy, reason: "\(setting) must be a finite number > 0, got \(value)")
        }
    }

    /// `value` must be finite and at least zero (proximal μ, q).
    static func nonNegative(_ value: Double, _ setting: String, strategy: String) throws(AggregationError) {
        guard value.isFinite, value >= 0 else {
            throw .invalidConfiguration(strategy: strategy, reason: "\(setting) must be a finite number ≥ 0, got \(value)")
        }
    }

    /// `value` must lie in `[0, 1)` (momentum and moment decay rates).
    static func decayRate(_ value: Double, _ setting: String, strategy: String) throws(AggregationError) {
        guard value >= 0, value < 1 else {
            throw .invalidConfiguration(strategy: strategy, reason: "\(setting) must lie in [0, 1), got \(value)")
        }
    }

    /// A vector of strategy state must match the model's length.
    static func stateLength(_ state: Int, model: Int, _ what: String, strategy: String) throws(AggregationError) {
        guard state == model else {
            let reason = "the \(what) holds \(state) values but the model has \(model); the model changed between rounds"
            throw .invalidConfiguration(strategy: strategy, reason: reason)
        }
    }
}
