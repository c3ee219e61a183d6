import Foundation
import Logging
import SwiftletFederated
import SwiftletFleetServer

/// Runs a federation through ``FleetServerRuntime`` for a strategy known only at run time, writing the
/// history as rounds finish (the runtime logs each round itself).
enum FleetRunDriver {
    static func run(strategy: any Strategy, federation: FederationConfig, service: FleetService,
                    settings: FleetRunSettings, output: FleetRunOutput, logger: Logger) async throws -> FederationResult {
        try await run(opened: strategy, federation: federation, service: service, settings: settings, output: output, logger: logger)
    }

    private static func run<S: Strategy>(opened strategy: S, federation: FederationConfig, service: FleetService,
                                         settings: FleetRunSettings, output: FleetRunOutput,
                                         logger: Logger) async throws -> FederationResult {
        let runtime = FleetServerRuntime(service: service, strategy: strategy, config: federation, settings: settings,
                                         clock: ContinuousClock(), logger: logger)
        let events = await runtime.events()
        return try await withThrowingTaskGroup(of: FederationResult?.self) { group in
            group.addTask {
                // A resumed run continues the file: a round run again replaces its earlier record and those after.
                var history = output.existingHistory()
                for await event in events {
                    guard case .roundFinished(let record) = event else { continue }
                    history.records.removeAll { $0.round >= record.round }
                    history.records.append(record)
                    try? output.write(history: history)
                }
                return nil
            }
            let result = try await runtime.run()
            group.cancelAll()
            try output.write(history: result.history)
            try output.write(summary: FleetRunSummary(result, accuracyMetric: federation.accuracyMetric))
            return result
        }
    }
}
