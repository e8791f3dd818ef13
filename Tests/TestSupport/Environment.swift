import Foundation

/// Facts about where the tests run, for skipping with a printed reason.
public enum TestEnvironment {
    public static var isRoot: Bool { getuid() == 0 }

    /// The directory holding the built products (`provision`, the test bundle), found from the running test binary.
    public static var productsDirectory: URL {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        // The test runner may live inside an .xctest bundle directory on some platforms.
        while dir.lastPathComponent.hasSuffix(".xctest") { dir.deleteLastPathComponent() }
        return dir
    }

    /// The built `provision` binary.
    public static var provisionBinary: URL { productsDirectory.appendingPathComponent("provision") }

    /// The package root (where Package.swift is), found from this source file's location.
    public static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Returns nil when every tool is on PATH, else a reason naming what is missing (and prints it).
    public static func missingTools(_ names: String...) -> String? {
        let missing = names.filter { !Tool.exists($0) }
        guard !missing.isEmpty else { return nil }
        let reason = "skipped: \(missing.joined(separator: ", ")) not installed (make test installs them)"
        print(reason)
        return reason
    }

    /// A TCP or UDP port that was free a moment ago on 127.0.0.1 (for peers that cannot bind port 0 themselves).
    public static func freePort(udp: Bool = false) -> Int {
        let fd = socket(AF_INET, udp ? Int32(SOCK_DGRAM.rawValue) : Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}
