import Foundation

/// Memory and CPU time of a process, or of a process and everything it spawned, read from `/proc` (Linux).
///
/// Every function answers `nil` where `/proc` is missing or the process has exited.
enum ProcessStats {
    /// Resident and peak resident memory of `pid`, bytes (`VmRSS`, `VmHWM`).
    static func memory(of pid: Int32) -> (resident: Int, peak: Int)? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        var rss = 0, hwm = 0
        for line in status.split(separator: "\n") {
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count >= 2, let kb = Int(parts[1]) else { continue }
            if parts[0] == "VmRSS:" { rss = kb * 1_024 }
            if parts[0] == "VmHWM:" { hwm = kb * 1_024 }
        }
        return rss > 0 ? (rss, hwm) : nil
    }

    /// CPU time `pid` has used (user + system), seconds.
    static func cpuSeconds(of pid: Int32) -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // Fields after the command name: state is field 3, utime 14 and stime 15 (1-based, in clock ticks).
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// `pid` followed by every process it spawned, transitively (from each thread's `children` list).
    static func tree(of pid: Int32) -> [Int32] {
        var found: [Int32] = [pid]
        var next = 0
        while next < found.count {
            let parent = found[next]
            next += 1
            let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(parent)/task")) ?? []
            for task in tasks {
                guard let text = try? String(contentsOfFile: "/proc/\(parent)/task/\(task)/children", encoding: .utf8) else { continue }
                for child in text.split(separator: " ") {
                    if let id = Int32(child.trimmingCharacters(in: .whitespacesAndNewlines)), !found.contains(id) { found.append(id) }
                }
            }
        }
        return found
    }

    /// Resident memory of `pid` and its descendants together, bytes; `nil` when `pid` has exited.
    static func treeResident(of pid: Int32) -> Int? {
        guard memory(of: pid) != nil else { return nil }
        return tree(of: pid).reduce(0) { $0 + (memory(of: $1)?.resident ?? 0) }
    }

    /// CPU time of `pid` and its living descendants together, seconds; `nil` when `pid` has exited.
    static func treeCPUSeconds(of pid: Int32) -> Double? {
        guard cpuSeconds(of: pid) != nil else { return nil }
        return tree(of: pid).reduce(0) { $0 + (cpuSeconds(of: $1) ?? 0) }
    }
}
