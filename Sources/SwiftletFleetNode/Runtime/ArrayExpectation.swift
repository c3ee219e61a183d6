import SwiftletFederated

/// What the arrays of an instruction must look like before the client sees them.
public enum ArrayExpectation: Sendable, Equatable {
    /// The layout of the client's own parameters (asked once with `Client.parameters(config:)`).
    case fromClient
    /// These names and shapes, in order.
    case specs([ArraySpec])
    /// Any float arrays (the client checks them itself).
    case any
}
