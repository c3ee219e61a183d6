/// Whether a model's training memory fits a device's memory budget.
public enum ModelFit: Sendable, Equatable {
    /// The peak training memory fits, with `budget − required` bytes to spare.
    case fits(required: Int, budget: Int)
    /// The peak training memory exceeds the budget.
    case exceeds(required: Int, budget: Int)

    /// True for ``fits(required:budget:)``.
    public var fits: Bool {
        if case .fits = self { return true }
        return false
    }
}
