import Foundation
import SwiftletFederated

/// Every round of a simulation, in order, with each round's aggregates: what `rounds.jsonl` and
/// `rounds.csv` hold, and what the summary and the charts are drawn from.
///
/// Built from the simulator's records, the aggregates are computed from them; read back from a JSON Lines
/// file written without device detail, the records have no devices but the aggregates are the file's.
/// Nothing here depends on wall-clock time, so the same configuration gives byte-identical files.
public struct SimulationHistory: Sendable, Equatable {
    /// The records, in the order the rounds ran (retried attempts appear as their own records).
    public private(set) var records: [SimulationRecord]
    /// The aggregates of each record, one per record.
    public private(set) var aggregates: [SimulationRoundAggregates]

    /// A history of `records`, aggregates computed from them.
    public init(records: [SimulationRecord] = []) {
        self.records = records
        aggregates = records.map(SimulationRoundAggregates.init)
    }

    /// A history whose aggregates are given (read from a file), one per record.
    init(records: [SimulationRecord], aggregates: [SimulationRoundAggregates]) {
        precondition(records.count == aggregates.count, "one aggregate per record")
        self.records = records
        self.aggregates = aggregates
    }

    /// Adds the next round's record.
    public mutating func append(_ record: SimulationRecord) {
        records.append(record)
        aggregates.append(SimulationRoundAggregates(record))
    }

    /// Each record paired with its aggregates.
    public var rounds: Zip2Sequence<[SimulationRecord], [SimulationRoundAggregates]> { zip(records, aggregates) }
}
