import Foundation

/// Signing and verifying files on disk, streamed in 1 MiB chunks: constant memory for any file size.
public enum ImageFile {
    static let chunkSize = 1 << 20

    /// SHA-256 of the file's bytes.
    public static func digest(of path: String) throws -> ImageDigest {
        var digester = ImageDigester()
        try forEachChunk(of: path) { digester.update($0) }
        return digester.finalize()
    }

    public static func sign(_ path: String, with key: SigningKey) throws -> DetachedSignature {
        try key.sign(digest(of: path))
    }

    /// Returns the trusted key that signed the file; throws `signatureMismatch` when none did.
    @discardableResult
    public static func verify(_ path: String, signature: DetachedSignature, trustedKeys: [VerifyingKey]) throws -> VerifyingKey {
        var verifier = SignatureVerifier(signature: signature, trustedKeys: trustedKeys)
        try forEachChunk(of: path) { verifier.consume($0) }
        return try verifier.verify(subject: path)
    }

    static func forEachChunk(of path: String, _ body: (UnsafeRawBufferPointer) -> Void) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ImageTrustError.io(path: path, detail: String(cString: strerror(errno))) }
        defer { close(fd) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(fd, buffer.baseAddress, chunkSize)
            if count < 0 {
                if errno == EINTR { continue }
                throw ImageTrustError.io(path: path, detail: String(cString: strerror(errno)))
            }
            if count == 0 { return }
            body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
    }
}
