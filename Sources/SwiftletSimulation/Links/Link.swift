import SwiftletTensor

/// A radio link between a device and the server: given a payload size and a direction, what it costs.
///
/// The seam between the simulator and its radio models. A link is a value built and validated up front —
/// its initialiser throws ``LinkError`` when it cannot carry one frame — so a transfer itself cannot fail.
/// Sizes are the real encoded sizes of what is sent; links add their own framing overhead.
public protocol Link: Sendable {
    /// A short name for reports (`LoRaWAN EU868 DR5`, `LTE`).
    var name: String { get }
    /// Application bytes one frame carries in `direction`.
    func payloadPerFrame(_ direction: LinkDirection) -> Int
    /// The cost of sending `bytes` in `direction`, with frame losses drawn from `generator`.
    func transfer(bytes: Int, direction: LinkDirection, generator: inout SeededGenerator) -> Transfer
    /// The mean cost of sending `bytes` in `direction`: losses enter as their expected retransmissions.
    func expectedTransfer(bytes: Int, direction: LinkDirection) -> Transfer
}

/// Frame-loss arithmetic shared by the links: a lost frame is sent again until it arrives.
enum FrameLoss {
    /// Attempts needed to deliver `frames` frames when each attempt is lost with probability `loss`: one per
    /// frame plus geometric retransmissions, drawn from `generator`.
    static func drawAttempts(frames: Int, loss: Double, generator: inout SeededGenerator) -> Int {
        guard loss > 0 else { return frames }
        var attempts = 0
        for _ in 0..<frames {
            attempts += 1
            while generator.nextUnitDouble() < loss { attempts += 1 }
        }
        return attempts
    }

    /// Mean attempts per frame: `1 / (1 − loss)`.
    static func expectedAttemptsPerFrame(loss: Double) -> Double { 1 / (1 - loss) }

    /// Checks a loss probability.
    static func validate(_ loss: Double, link: String) throws(LinkError) {
        guard loss >= 0, loss < 1 else {
            throw .invalidParameter(link: link, name: "loss probability", reason: "must be in [0, 1), got \(loss)")
        }
    }
}
