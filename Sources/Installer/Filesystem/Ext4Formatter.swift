import Foundation

/// Makes ext4 filesystems inside a disk (device or image file) at a byte offset with e2fsprogs' `mkfs.ext4`,
/// optionally populated from a staging directory (`-d`). Nothing outside `offset ..< offset + size` is touched.
public enum Ext4Formatter {
    /// The `mkfs.ext4` arguments (pure, for tests and messages).
    static func arguments(disk: String, offset: Int64, size: Int64, label: String, contents: String?) -> [String] {
        var args = ["-q", "-F", "-t", "ext4", "-L", label, "-E", "offset=\(offset),nodiscard"]
        if let contents { args += ["-d", contents] }
        return args + [disk, "\(size / 1024)k"]
    }

    public static func format(disk: String, offset: Int64, size: Int64, label: String, contents: String? = nil) async throws {
        guard let mkfs = ["/usr/sbin/mkfs.ext4", "/sbin/mkfs.ext4", "/usr/bin/mkfs.ext4"].first(where: FileManager.default.isExecutableFile) else {
            throw InstallError.writeFailed("mkfs.ext4 not found (install e2fsprogs)")
        }
        let result = try await ChildProcess.run(mkfs, arguments(disk: disk, offset: offset, size: size, label: label, contents: contents))
        guard result.status == 0 else {
            throw InstallError.writeFailed("mkfs.ext4 for \(label) at byte \(offset) exited \(result.status): \(result.output.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }

    /// A staging directory for ROOT holding the cloud-config at CoreOS's path `/var/lib/coreos-install/user_data` (0600).
    public static func stageRoot(userData: [UInt8]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("provision-root-\(UUID().uuidString)")
        let dir = root.appendingPathComponent("var/lib/coreos-install")
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            let file = dir.appendingPathComponent("user_data")
            guard FileManager.default.createFile(atPath: file.path, contents: Data(userData), attributes: [.posixPermissions: 0o600]) else {
                throw InstallError.writeFailed("cannot stage \(file.path)")
            }
        } catch let error as InstallError {
            throw error
        } catch {
            throw InstallError.writeFailed("cannot stage ROOT contents in \(root.path): \(error.localizedDescription)")
        }
        return root
    }
}

/// Runs a short-lived child process to completion with its combined output captured in a temporary file.
enum ChildProcess {
    static func run(_ executable: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("provision-\(UUID().uuidString).log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil), let handle = try? FileHandle(forWritingTo: log) else {
            throw InstallError.writeFailed("cannot create \(log.path)")
        }
        defer { try? FileManager.default.removeItem(at: log) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: InstallError.writeFailed("cannot run \(executable): \(error.localizedDescription)"))
            }
        }
        try? handle.close()
        return (status, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }
}
