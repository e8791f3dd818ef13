/// Checks a detached signature over a stream: feed it the image's chunks as they pass by, then call `verify`.
/// Memory is constant (only the running SHA-256 is kept).
public struct SignatureVerifier {
    public let signature: DetachedSignature
    public let trustedKeys: [VerifyingKey]
    private var digester = ImageDigester()

    public init(signature: DetachedSignature, trustedKeys: [VerifyingKey]) {
        self.signature = signature
        self.trustedKeys = trustedKeys
    }

    /// Bytes consumed so far.
    public var byteCount: Int64 { digester.byteCount }

    public mutating func consume(_ chunk: UnsafeRawBufferPointer) { digester.update(chunk) }

    public mutating func consume(_ chunk: [UInt8]) { digester.update(chunk) }

    /// The digest of everything consumed so far.
    public var digest: ImageDigest { digester.finalize() }

    /// Returns the trusted key that made the signature over everything consumed; throws `signatureMismatch` otherwise.
    /// `subject` names the image in the error.
    @discardableResult
    public func verify(subject: String = "image") throws -> VerifyingKey {
        let digest = digester.finalize()
        guard let key = trustedKeys.first(where: { $0.accepts(signature, for: digest) }) else {
            throw ImageTrustError.signatureMismatch(subject: subject, keys: trustedKeys.map(\.fingerprint))
        }
        return key
    }
}
