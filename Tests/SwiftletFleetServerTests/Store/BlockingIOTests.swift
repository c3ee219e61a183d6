import Foundation
import Testing
@testable import SwiftletFleetServer

@Suite struct BlockingIOTests {
    struct Refused: Error, Equatable { let path: String }

    @Test func answersWhatTheBodyReturns() async {
        let value = await BlockingIO.run { () -> [Int] in (1...4).map { $0 * $0 } }
        #expect(value == [1, 4, 9, 16])
    }

    @Test func throwsTheBodysTypedError() async {
        await #expect(throws: Refused(path: "/spare/prepared-3")) {
            _ = try await BlockingIO.run { () throws(Refused) -> Int in throw Refused(path: "/spare/prepared-3") }
        }
    }

    @Test func runsTheBodyOnADispatchThreadNotTheCallersTask() async {
        // Inside the body no Swift task is current: it runs on a Dispatch worker, not a concurrency thread.
        let inTask = await BlockingIO.run { withUnsafeCurrentTask { $0 != nil } }
        #expect(!inTask)
    }
}
