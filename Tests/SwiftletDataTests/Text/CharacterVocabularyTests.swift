import Testing
@testable import SwiftletData

/// LEAF's 80-symbol alphabet and custom vocabularies.
@Suite struct CharacterVocabularyTests {
    /// `ALL_LETTERS` in LEAF's models/utils/language_utils.py, retyped.
    static let leafLetters = "\n !\"&'(),-.0123456789:;>?ABCDEFGHIJKLMNOPQRSTUVWXYZ[]abcdefghijklmnopqrstuvwxyz}"

    @Test func leafAlphabetIsLEAFsEightySymbolsInOrder() {
        #expect(CharacterVocabulary.leaf.count == 80)
        #expect(String(CharacterVocabulary.leaf.symbols) == Self.leafLetters)
    }

    @Test func leafIndicesMatchPositionsInTheAlphabet() {
        let vocabulary = CharacterVocabulary.leaf
        #expect(vocabulary.index(of: "\n") == 0)
        #expect(vocabulary.index(of: " ") == 1)
        #expect(vocabulary.index(of: "0") == 11)
        #expect(vocabulary.index(of: "A") == 25)
        #expect(vocabulary.index(of: "a") == 53)
        #expect(vocabulary.index(of: "}") == 79)
    }

    @Test func charactersOutsideTheAlphabetMapToTheLastSymbolAsLEAFsLabelsDo() {
        #expect(CharacterVocabulary.leaf.indices(of: "$é~") == [79, 79, 79])
    }

    @Test func customVocabularyRejectsRepeatsAndBadUnknownIndex() {
        #expect(throws: TextCorpusError(.invalidOption("symbol 'a' appears twice in the vocabulary"))) {
            try CharacterVocabulary(symbols: ["a", "b", "a"], unknownIndex: 0)
        }
        #expect(throws: TextCorpusError(.invalidOption("unknown index 2 is outside the 2 symbols"))) {
            try CharacterVocabulary(symbols: ["a", "b"], unknownIndex: 2)
        }
    }
}
