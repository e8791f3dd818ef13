import DiskLayout
import Foundation

/// Picks the disk for `disk: auto`: the smallest non-removable, writable whole disk at least `required` bytes.
public enum DiskSelection {
    /// One whole disk as /sys/block describes it.
    public struct Candidate: Sendable, Equatable {
        public var name: String
        public var size: Int64
        public var removable: Bool
        public var readOnly: Bool

        public init(name: String, size: Int64, removable: Bool, readOnly: Bool) {
            self.name = name
            self.size = size
            self.removable = removable
            self.readOnly = readOnly
        }
    }

    /// Device names that are never install targets (virtual, optical, floppy, already-assembled volumes).
    static let ignoredPrefixes = ["loop", "ram", "zram", "sr", "fd", "dm-", "md", "nbd"]

    /// Pure choice among candidates; nil when none fits.
    public static func choose(from candidates: [Candidate], required: Int64) -> Candidate? {
        candidates
            .filter { c in !c.removable && !c.readOnly && c.size >= required && !ignoredPrefixes.contains { c.name.hasPrefix($0) } }
            .min { ($0.size, $0.name) < ($1.size, $1.name) }
    }

    /// The disks in /sys/block.
    public static func candidates() -> [Candidate] {
        DiskUsage.entries("/sys/block").map { name in
            func number(_ file: String) -> Int64 {
                let text = (try? String(contentsOfFile: "/sys/block/\(name)/\(file)", encoding: .utf8)) ?? ""
                return Int64(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            }
            return Candidate(name: name, size: number("size") * 512, removable: number("removable") == 1, readOnly: number("ro") == 1)
        }
    }

    /// `/dev/<name>` of the chosen disk; throws `noDisk` listing what was seen.
    public static func auto(required: Int64) throws -> String {
        let all = candidates()
        guard let chosen = choose(from: all, required: required) else {
            let seen = all.map { "\($0.name) \(ByteCount.short($0.size))\($0.removable ? " removable" : "")" }.joined(separator: ", ")
            throw InstallError.noDisk("no non-removable disk of at least \(ByteCount.short(required)) (seen: \(seen.isEmpty ? "none" : seen))")
        }
        return "/dev/\(chosen.name)"
    }
}
