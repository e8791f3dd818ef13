import Foundation

/// The admin API's bearer token: read from its file, or generated there (mode 0600) on first start.
enum AdminToken {
    static func loadOrCreate(at path: String) throws -> (token: String, created: Bool) {
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard token.count >= 16 else { throw ConfigurationError("\(path): admin token is shorter than 16 characters") }
            return (token, false)
        }
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        let token = InstallToken.generate() + InstallToken.generate()
        // O_EXCL: never clobber a token another process just wrote; 0600 from the first byte.
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw ConfigurationError("\(path): cannot create admin token: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let bytes = Array((token + "\n").utf8)
        guard write(fd, bytes, bytes.count) == bytes.count else {
            throw ConfigurationError("\(path): cannot write admin token: \(String(cString: strerror(errno)))")
        }
        return (token, true)
    }
}
