/// What storing one pushed object did.
public enum ObjectPutOutcome: Sendable, Equatable {
    /// The object was expected and its bytes are now stored.
    case stored
    /// The object's bytes were stored before (a repeated push, answered as the first).
    case alreadyStored
    /// No message declares the object.
    case unknown
}
