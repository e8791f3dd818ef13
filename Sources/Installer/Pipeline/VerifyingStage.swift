import ImageTrust
import NIOCore

/// The verification stage: passes chunks through unchanged while hashing them; when the upstream ends it checks the
/// size and SHA-256 the plan announced and the detached signature against the trusted keys, and throws
/// `verificationFailed` instead of ending if any check fails — so nothing downstream can treat the image as complete.
public struct VerifyingStage<Upstream: AsyncSequence>: AsyncSequence where Upstream.Element == ByteBuffer {
    public typealias Element = ByteBuffer

    let upstream: Upstream
    let verifier: SignatureVerifier
    let expectedSize: Int64?
    let expectedSHA256: String?
    let subject: String
    let onVerified: @Sendable (ImageDigest, VerifyingKey) -> Void

    public init(_ upstream: Upstream, verifier: SignatureVerifier, expectedSize: Int64? = nil, expectedSHA256: String? = nil,
                subject: String, onVerified: @escaping @Sendable (ImageDigest, VerifyingKey) -> Void = { _, _ in }) {
        self.upstream = upstream
        self.verifier = verifier
        self.expectedSize = expectedSize
        self.expectedSHA256 = expectedSHA256
        self.subject = subject
        self.onVerified = onVerified
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(upstream: upstream.makeAsyncIterator(), verifier: verifier, stage: self)
    }

    public struct Iterator: AsyncIteratorProtocol {
        var upstream: Upstream.AsyncIterator
        var verifier: SignatureVerifier
        let stage: VerifyingStage

        public mutating func next() async throws -> ByteBuffer? {
            guard let chunk = try await upstream.next() else {
                try finish()
                return nil
            }
            chunk.withUnsafeReadableBytes { verifier.consume($0) }
            return chunk
        }

        private func finish() throws {
            if let expected = stage.expectedSize, verifier.byteCount != expected {
                throw InstallError.verificationFailed("\(stage.subject) is \(verifier.byteCount) bytes, the plan says \(expected)")
            }
            let digest = verifier.digest
            if let expected = stage.expectedSHA256?.lowercased(), digest.hex != expected {
                throw InstallError.verificationFailed("\(stage.subject) has SHA-256 \(digest.hex), the plan says \(expected)")
            }
            do {
                stage.onVerified(digest, try verifier.verify(subject: stage.subject))
            } catch let error as ImageTrustError {
                throw InstallError.verificationFailed(error.description)
            }
        }
    }
}

/// The progress stage: passes chunks through unchanged, adding their sizes to a counter.
public struct CountingStage<Upstream: AsyncSequence>: AsyncSequence where Upstream.Element == ByteBuffer {
    public typealias Element = ByteBuffer

    let upstream: Upstream
    let counter: ByteCounter

    public init(_ upstream: Upstream, counter: ByteCounter) {
        self.upstream = upstream
        self.counter = counter
    }

    public func makeAsyncIterator() -> Iterator { Iterator(upstream: upstream.makeAsyncIterator(), counter: counter) }

    public struct Iterator: AsyncIteratorProtocol {
        var upstream: Upstream.AsyncIterator
        let counter: ByteCounter

        public mutating func next() async throws -> ByteBuffer? {
            let chunk = try await upstream.next()
            if let chunk { counter.add(Int64(chunk.readableBytes)) }
            return chunk
        }
    }
}
