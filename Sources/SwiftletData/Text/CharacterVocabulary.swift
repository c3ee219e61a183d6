/// A fixed character alphabet mapping text to token indices for next-character prediction.
///
/// ``leaf`` is LEAF's Shakespeare alphabet (Caldas et al. 2018, `models/utils/language_utils.py`): 80 symbols —
/// newline, space, `!"&'(),-.`, the digits, `:;>?`, `A`–`Z`, `[]`, `a`–`z` and `}` — in that order.
public struct CharacterVocabulary: Sendable, Equatable {
    /// The symbols; a symbol's position is its token index.
    public let symbols: [Character]
    /// The index every character outside the alphabet maps to.
    public let unknownIndex: Int
    private let table: [Character: Int]

    /// Creates a vocabulary of distinct `symbols`; characters outside it map to `unknownIndex`.
    public init(symbols: [Character], unknownIndex: Int) throws(TextCorpusError) {
        guard !symbols.isEmpty, (0..<symbols.count).contains(unknownIndex) else {
            throw TextCorpusError(.invalidOption("unknown index \(unknownIndex) is outside the \(symbols.count) symbols"))
        }
        var table: [Character: Int] = [:]
        for (index, symbol) in symbols.enumerated() {
            guard table.updateValue(index, forKey: symbol) == nil else {
                throw TextCorpusError(.invalidOption("symbol '\(symbol)' appears twice in the vocabulary"))
            }
        }
        self.symbols = symbols
        self.unknownIndex = unknownIndex
        self.table = table
    }

    /// LEAF's 80-symbol Shakespeare alphabet; unknown characters map to 79, `}`.
    ///
    /// LEAF looks characters up with Python's `str.find`, which returns −1 for one outside the alphabet; its
    /// label encoder then sets element −1 of the one-hot vector, which Python reads as the last element. So
    /// LEAF's labels send unknown characters to the last symbol, `}`, and we do the same for inputs and
    /// labels alike (an index of −1 is not a valid embedding row). `}` never occurs in tiny Shakespeare,
    /// whose only character outside the alphabet is a single `$`, so index 79 acts as an "unknown" token.
    public static let leaf: CharacterVocabulary = {
        var symbols: [Character] = ["\n", " ", "!", "\"", "&", "'", "(", ")", ",", "-", "."]
        symbols += (0...9).map { Character(String($0)) }
        symbols += [":", ";", ">", "?"]
        symbols += (UInt8(ascii: "A")...UInt8(ascii: "Z")).map { Character(Unicode.Scalar($0)) }
        symbols += ["[", "]"]
        symbols += (UInt8(ascii: "a")...UInt8(ascii: "z")).map { Character(Unicode.Scalar($0)) }
        symbols.append("}")
        return try! CharacterVocabulary(symbols: symbols, unknownIndex: symbols.count - 1)
    }()

    /// The number of symbols (the model's vocabulary and class count).
    public var count: Int { symbols.count }

    /// The token index of `character` (``unknownIndex`` if it is not in the alphabet).
    public func index(of character: Character) -> Int {
        table[character] ?? unknownIndex
    }

    /// The token indices of `text`, one per character.
    public func indices(of text: some StringProtocol) -> [Int] {
        text.map { index(of: $0) }
    }
}
