import SwiftletFleetProtocol

/// The pull loop: poll, handle one instruction at a time, back off while idle, stop when the runs finish.
extension FleetNode {
    /// Polls until the runs finish (returns) or the node cannot go on (throws).
    func pullLoop() async throws(StepError) {
        var wait = configuration.pollInterval.lowerBound
        var emptyPolls = 0
        while true {
            if Task.isCancelled { throw .cancelled }
            if needsRejoin { try await rejoin() }
            // A reply that could not be delivered yet goes out before anything new is pulled.
            if let pending = pendingReply {
                try await deliver(pending)
                continue
            }
            if let id = nodeID { state = .online(nodeID: id) }
            let response: Flwr_Proto_PullMessagesResponse
            do throws(StepError) {
                response = try await callAsNode(.pullMessages) { id in
                    var request = Flwr_Proto_PullMessagesRequest()
                    request.node.nodeID = id
                    return request
                }
            } catch {
                guard case .refused(let rpc, let failure) = error else { throw error }
                throw .failed(.refused(rpc: rpc, failure))
            }
            if let message = response.messagesList.first, let tree = response.messageObjectTrees.first {
                wait = configuration.pollInterval.lowerBound
                emptyPolls = 0
                try await handle(message, tree: tree)
                continue
            }
            emptyPolls += 1
            // A node waiting between the rounds of a run finds nothing for a poll or two; asking GetRun
            // then would double its requests for nothing.
            if configuration.exitWhenRunFinished, emptyPolls >= configuration.emptyPollsBeforeRunCheck,
               try await runsFinished() { return }
            try await pause(wait)
            wait = min(wait * 2, configuration.pollInterval.upperBound)
        }
    }

    /// Whether every run the node worked for reports `finished` (GetRun); `false` before any work.
    func runsFinished() async throws(StepError) -> Bool {
        guard !runs.isEmpty else { return false }
        for run in runs.subtracting(overRuns).sorted() {
            let response: Flwr_Proto_GetRunResponse
            do throws(StepError) {
                response = try await callAsNode(.getRun) { id in
                    var request = Flwr_Proto_GetRunRequest()
                    request.node.nodeID = id
                    request.runID = run
                    return request
                }
            } catch {
                guard case .refused(_, let failure) = error else { throw error }
                // A run the server no longer has sends nothing more: it counts as finished.
                if failure.kind == .notFound {
                    logger.warning("run unknown to the server; counting it as finished", metadata: ["run": "\(run)"])
                    overRuns.insert(run)
                    continue
                }
                if Self.isFlowerRunOver(failure) {
                    logger.info("the server reports the run is over", metadata: ["run": "\(run)", "reason": "\(failure.flowerError!)"])
                    overRuns.insert(run)
                    continue
                }
                logger.warning("GetRun refused", metadata: ["run": "\(run)", "failure": "\(failure)"])
                return false
            }
            guard response.run.status.status == Self.finishedStatus else { return false }
            overRuns.insert(run)
        }
        return true
    }

    /// Flower's run status once the run ended (`Status.FINISHED`).
    static let finishedStatus = "finished"

    /// Whether `failure` is Flower's answer to GetRun for a run that no longer takes Fleet calls.
    ///
    /// flwr 1.40 never reports `finished` through GetRun: it refuses the call with 403 and error code
    /// ``FlowerAPIError/runStatusNotAllowed`` once the run is finished (the same code covers pending and
    /// starting runs, which a run the node already worked for cannot return to), and with
    /// ``FlowerAPIError/getRunFailed`` once the run is gone.
    static func isFlowerRunOver(_ failure: FleetFailure) -> Bool {
        guard failure.kind == .forbidden, let code = failure.flowerError?.code else { return false }
        return code == FlowerAPIError.runStatusNotAllowed || code == FlowerAPIError.getRunFailed
    }
}
