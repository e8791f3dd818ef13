import Foundation

/// Finds whether a disk (block device or image file) is in use: mounted (itself or a partition), used as swap,
/// held by device-mapper/RAID, or attached to a loop device. The parsing is pure; `check` reads /proc and /sys.
public enum DiskUsage {
    /// Mount points in `/proc/mounts` text whose source is one of `devices` (already resolved paths).
    static func mounts(in mountsText: String, of devices: Set<String>, resolve: (String) -> String) -> [(device: String, mountpoint: String)] {
        mountsText.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            guard fields.count >= 2 else { return nil }
            let source = resolve(unescape(String(fields[0])))
            return devices.contains(source) ? (source, unescape(String(fields[1]))) : nil
        }
    }

    /// `/proc/mounts` escapes space, tab, newline and backslash as octal (`\040`).
    static func unescape(_ field: String) -> String {
        var out = "", chars = Array(field), index = 0
        while index < chars.count {
            if chars[index] == "\\", index + 3 < chars.count,
               let code = UInt8(String(chars[(index + 1)...(index + 3)]), radix: 8) {
                out.append(Character(UnicodeScalar(code)))
                index += 4
            } else {
                out.append(chars[index])
                index += 1
            }
        }
        return out
    }

    /// Throws `diskInUse` naming the first use found.
    public static func check(_ path: String) throws {
        let real = realPath(path)
        var devices: Set<String> = [real]
        var holders: [String] = []
        var loops: [String] = []
        var info = stat()
        if stat(real, &info) == 0, info.st_mode & S_IFMT == S_IFBLK {
            let name = (real as NSString).lastPathComponent
            for part in partitions(of: name) { devices.insert("/dev/\(part)") }
            for block in [name] + partitions(of: name) { holders += entries("/sys/class/block/\(block)/holders") }
        } else {
            loops = loopDevices(backedBy: real)
            devices.formUnion(loops)
        }
        let mountsText = (try? String(contentsOfFile: "/proc/mounts", encoding: .utf8)) ?? ""
        if let mount = mounts(in: mountsText, of: devices, resolve: realPath).first {
            throw InstallError.diskInUse(disk: path, detail: "\(mount.device) is mounted on \(mount.mountpoint)")
        }
        let swaps = (try? String(contentsOfFile: "/proc/swaps", encoding: .utf8)) ?? ""
        for line in swaps.split(separator: "\n").dropFirst() {
            if let source = line.split(separator: " ").first.map(String.init), devices.contains(realPath(unescape(source))) {
                throw InstallError.diskInUse(disk: path, detail: "\(source) is used as swap")
            }
        }
        if let holder = holders.first {
            throw InstallError.diskInUse(disk: path, detail: "held by /dev/\(holder) (device-mapper, RAID or LVM)")
        }
        if let loop = loops.first {
            throw InstallError.diskInUse(disk: path, detail: "attached to \(loop)")
        }
    }

    static func partitions(of disk: String) -> [String] {
        entries("/sys/class/block/\(disk)").filter {
            FileManager.default.fileExists(atPath: "/sys/class/block/\(disk)/\($0)/partition")
        }
    }

    static func loopDevices(backedBy file: String) -> [String] {
        entries("/sys/block").filter { $0.hasPrefix("loop") }.compactMap { loop in
            guard let backing = try? String(contentsOfFile: "/sys/block/\(loop)/loop/backing_file", encoding: .utf8),
                  backing.trimmingCharacters(in: .whitespacesAndNewlines) == file else { return nil }
            return "/dev/\(loop)"
        }
    }

    static func entries(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
