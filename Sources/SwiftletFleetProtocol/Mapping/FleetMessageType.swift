/// Flower's message types for the two instructions.
public enum FleetMessageType {
    /// A training round (Flower's `MessageType.TRAIN`).
    public static let train = "train"
    /// An evaluation round (Flower's `MessageType.EVALUATE`).
    public static let evaluate = "evaluate"
}
