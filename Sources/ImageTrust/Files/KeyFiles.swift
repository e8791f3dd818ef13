import Foundation

/// Reading and writing key and signature files. Private keys are created with mode 0600 and never overwritten.
public enum KeyFiles {
    /// Writes `key` to `privatePath` (0600, refusing to replace an existing file) and its public half to `publicPath` (0644).
    public static func write(_ key: SigningKey, privatePath: String, publicPath: String) throws {
        try create(privatePath, contents: Array(key.pem.utf8), mode: 0o600)
        try create(publicPath, contents: Array(key.verifyingKey.pem.utf8), mode: 0o644)
    }

    public static func readSigningKey(_ path: String) throws -> SigningKey {
        try SigningKey(pem: readText(path), source: path)
    }

    public static func readVerifyingKey(_ path: String) throws -> VerifyingKey {
        try VerifyingKey(pem: readText(path), source: path)
    }

    public static func readSignature(_ path: String) throws -> DetachedSignature {
        try DetachedSignature(der: readBytes(path, limit: 1024), source: path)
    }

    /// Writes a signature file, replacing any previous one atomically.
    public static func writeSignature(_ signature: DetachedSignature, to path: String) throws {
        let data = Data(signature.der)
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ImageTrustError.cannotWrite(path: path, detail: "cannot write signature: \(error.localizedDescription)")
        }
    }

    static func readText(_ path: String) throws -> String {
        guard let text = String(bytes: try readBytes(path, limit: 64 * 1024), encoding: .utf8) else {
            throw ImageTrustError.invalidKey(source: path, detail: "not UTF-8 text")
        }
        return text
    }

    /// Reads a small file whole; refuses one larger than `limit` bytes (keys and signatures are tiny).
    static func readBytes(_ path: String, limit: Int) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ImageTrustError.io(path: path, detail: "cannot open for reading")
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: limit + 1)) ?? Data()
        guard data.count <= limit else {
            throw ImageTrustError.io(path: path, detail: "larger than \(limit) bytes; not a key or signature")
        }
        return Array(data)
    }

    private static func create(_ path: String, contents: [UInt8], mode: mode_t) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else {
            let reason = errno == EEXIST ? "already exists; refusing to overwrite a key" : String(cString: strerror(errno))
            throw ImageTrustError.cannotWrite(path: path, detail: reason)
        }
        defer { close(fd) }
        _ = fchmod(fd, mode)
        let written = contents.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard written == contents.count else {
            throw ImageTrustError.cannotWrite(path: path, detail: "short write")
        }
    }
}
