#if canImport(Glibc)
import Glibc
#endif

/// Keeps glibc's allocator from handing model-sized buffers back to the kernel after every request.
///
/// Each upload, download and decoded model is a buffer of about a megabyte. glibc serves buffers over its
/// mmap threshold (128 KiB until it adapts) with a fresh `mmap` and returns them with `munmap`, and trims
/// its heaps once 128 KiB at their top are free, so the next buffer of the same size is faulted in and
/// zeroed by the kernel again, page by page: in a 1,000-node round, 7–8% of the server's CPU
/// (`clear_page_erms` and page faults in `perf`), 3% with these settings. Raising both thresholds makes
/// those buffers come from, and go back to, the process's own heaps; the cost is that memory freed after a
/// peak stays with the process (up to ``trimThreshold`` per heap) instead of going back to the system at
/// once. (glibc still maps and unmaps whole 64 MiB heaps of its per-thread arenas as they fill and empty,
/// which a benchmark process holding a thousand nodes' buffers does often.)
///
/// Only the `swiftlet-fleet` process does this: an app embedding a node keeps its own allocator settings.
enum AllocatorTuning {
    /// Buffers below this come from the heaps: the largest value glibc accepts on 64-bit (half its heap size).
    static let mmapThreshold: Int32 = 32 << 20
    /// Free memory at a heap's top kept rather than returned to the system.
    static let trimThreshold: Int32 = 512 << 20

    /// Applies both thresholds; answers whether the allocator took them (always false off glibc).
    @discardableResult
    static func apply() -> Bool {
        #if canImport(Glibc)
        // `mallopt` is declared in <malloc.h>, which the Glibc module does not export: look it up instead.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, "mallopt") else { return false }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        // M_TRIM_THRESHOLD and M_MMAP_THRESHOLD in <malloc.h>.
        let trimOption: Int32 = -1, mmapOption: Int32 = -3
        return mallopt(mmapOption, mmapThreshold) == 1 && mallopt(trimOption, trimThreshold) == 1
        #else
        return false
        #endif
    }
}
