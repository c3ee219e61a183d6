/// Names of the model-shaped auxiliary arrays that travel beside parameters in fit instructions and results.
///
/// Each entry is an ``ArrayRecord`` with the model's own layout (``ArrayRecord/specs(of:)``).
public enum AuxiliaryKey {
    /// `scaffold.control`, server → client: SCAFFOLD's server control variate c (Karimireddy et al., ICML 2020).
    public static let scaffoldControl = "scaffold.control"
    /// `scaffold.control-delta`, client → server: the change Δc_i = c_i⁺ − c_i of the client's control variate.
    public static let scaffoldControlDelta = "scaffold.control-delta"
}
