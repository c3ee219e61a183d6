import Foundation
import Testing
@testable import SwiftletFleet

@Suite struct ProcessStatsTests {
    /// A `cat` child that runs until its input pipe is closed.
    static func waitingChild() throws -> (Process, Pipe) {
        let child = Process()
        let input = Pipe()
        child.executableURL = URL(fileURLWithPath: "/bin/cat")
        child.standardInput = input
        child.standardOutput = FileHandle.nullDevice
        try child.run()
        return (child, input)
    }

    /// Ends a ``waitingChild()``: closing its input makes `cat` exit by itself.
    static func end(_ child: Process, _ input: Pipe) {
        try? input.fileHandleForWriting.close()
        child.waitUntilExit()
    }

    @Test func theTreeOfAProcessListsTheChildrenItSpawned() throws {
        let (child, input) = try Self.waitingChild()
        defer { Self.end(child, input) }
        let me = ProcessInfo.processInfo.processIdentifier
        let tree = ProcessStats.tree(of: me)
        #expect(tree.first == me)
        #expect(tree.contains(child.processIdentifier))
        #expect(ProcessStats.tree(of: child.processIdentifier) == [child.processIdentifier])
    }

    @Test func aTreeCountsTheMemoryOfEveryProcessInIt() throws {
        let (child, input) = try Self.waitingChild()
        defer { Self.end(child, input) }
        let me = ProcessInfo.processInfo.processIdentifier
        let own = try #require(ProcessStats.memory(of: me)?.resident)
        let childs = try #require(ProcessStats.memory(of: child.processIdentifier)?.resident)
        let together = try #require(ProcessStats.treeResident(of: me))
        // Both read /proc a moment apart; the test process's own RSS may move by a few pages in between.
        #expect(together >= childs + own - (1 << 20))
        #expect(ProcessStats.cpuSeconds(of: me)! > 0)
    }

    @Test func anExitedProcessHasNoFigures() throws {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        #expect(ProcessStats.memory(of: child.processIdentifier) == nil)
        #expect(ProcessStats.treeResident(of: child.processIdentifier) == nil)
        #expect(ProcessStats.treeCPUSeconds(of: child.processIdentifier) == nil)
    }
}
