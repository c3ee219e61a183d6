import Foundation
import Testing
@testable import SwiftletFleetServer

@Suite struct ObjectCacheTests {
    @Test func oldestEntriesAreEvictedPastTheBudget() {
        var cache = ObjectCache(capacityBytes: 100)
        cache.put("a", [UInt8](repeating: 1, count: 25))
        cache.put("b", [UInt8](repeating: 2, count: 25))
        cache.put("c", [UInt8](repeating: 3, count: 25))
        cache.put("d", [UInt8](repeating: 4, count: 25))
        cache.put("e", [UInt8](repeating: 5, count: 25))
        #expect(cache.object("a") == nil)
        #expect(cache.object("e") == [UInt8](repeating: 5, count: 25))
        #expect(cache.bytes == 100)
    }

    @Test func objectsOverAQuarterOfTheBudgetAreNotKept() {
        var cache = ObjectCache(capacityBytes: 100)
        cache.put("big", [UInt8](repeating: 1, count: 26))
        #expect(cache.object("big") == nil)
        #expect(cache.bytes == 0)
    }
}
