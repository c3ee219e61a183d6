#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// This process's resident memory: now, and the peak since the last ``resetPeak()``.
public enum ProcessMemory {
    /// Resets the peak so the next ``peakBytes`` covers only what runs after; `false` where the system cannot
    /// (then the peak is the process's lifetime peak).
    ///
    /// Linux resets `VmHWM` when "5" is written to `/proc/self/clear_refs`.
    @discardableResult
    public static func resetPeak() -> Bool {
        #if os(Linux)
        return (try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .ascii)) != nil
        #else
        return false
        #endif
    }

    /// The peak resident set, in bytes (`VmHWM` on Linux, `ru_maxrss` elsewhere).
    public static var peakBytes: Int {
        #if os(Linux)
        if let kilobytes = statusField("VmHWM:") { return kilobytes * 1024 }
        #endif
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        #if os(Linux)
        return Int(usage.ru_maxrss) * 1024
        #else
        return Int(usage.ru_maxrss)
        #endif
    }

    /// The current resident set, in bytes, where the system reports it.
    public static var currentBytes: Int? {
        #if os(Linux)
        return statusField("VmRSS:").map { $0 * 1024 }
        #else
        return nil
        #endif
    }

    #if os(Linux)
    /// A `kB` field of `/proc/self/status`.
    static func statusField(_ name: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(name) {
            return Int(line.dropFirst(name.count).split(separator: " ").first ?? "")
        }
        return nil
    }
    #endif
}
