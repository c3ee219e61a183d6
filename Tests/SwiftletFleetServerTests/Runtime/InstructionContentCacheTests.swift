import SwiftletFederated
import SwiftletFleetProtocol
import Testing
@testable import SwiftletFleetServer

@Suite struct InstructionContentCacheTests {
    static func instruction(_ values: [Float], learningRate: Double = 0.1) -> FitInstruction {
        FitInstruction(round: 1, parameters: ArrayRecord(flat: values), config: [FitConfigKey.learningRate: .double(learningRate)])
    }

    static func deflated(_ instruction: FitInstruction) throws -> DeflatedContent {
        try FleetMessage.deflateContent(FleetContentMapping.content(instruction, encoding: .swiftletF32LE))
    }

    @Test func theSameInstructionIsDeflatedOnce() throws {
        let cache = InstructionContentCache()
        let shared = Self.instruction([1, 2, 3])
        var made = 0
        for _ in 0..<3 {
            _ = try cache.content(for: .fit(shared), type: "train") { made += 1; return try Self.deflated(shared) }
        }
        #expect(made == 1)
    }

    @Test func aDifferentConfigOrModelIsDeflatedAgain() throws {
        let cache = InstructionContentCache()
        var made = 0
        for instruction in [Self.instruction([1, 2, 3]), Self.instruction([1, 2, 3], learningRate: 0.2), Self.instruction([1, 2, 4])] {
            let content = try cache.content(for: .fit(instruction), type: "train") { made += 1; return try Self.deflated(instruction) }
            #expect(content == (try Self.deflated(instruction)))
        }
        #expect(made == 3)
    }
}
