import Synchronization
import SwiftletFederated
import SwiftletFleetProtocol

/// The last instruction content deflated for each message type, so a round that sends the same model to a
/// thousand nodes maps and hashes it once.
///
/// Strategies usually give every sampled node the same instruction; one that gives per-node instructions
/// (different configs, or SCAFFOLD's auxiliary arrays when they differ) simply misses. Equality of the
/// model's arrays is cheap when the engine hands every node the same buffer, as it does.
final class InstructionContentCache: Sendable {
    private struct Entry {
        var instruction: Instruction
        var content: DeflatedContent
    }

    /// What the content was made from.
    enum Instruction: Equatable {
        case fit(FitInstruction)
        case evaluate(EvaluateInstruction)
    }

    private let entries = Mutex<[String: Entry]>([:])

    /// The deflated content of `instruction`, made by `make` unless the last one of its type was the same.
    func content(for instruction: Instruction, type: String,
                 make: () throws -> DeflatedContent) rethrows -> DeflatedContent {
        if let entry = entries.withLock({ $0[type] }), entry.instruction == instruction { return entry.content }
        let content = try make()
        entries.withLock { $0[type] = Entry(instruction: instruction, content: content) }
        return content
    }
}
