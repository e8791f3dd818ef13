/// Why a key, a signature or an image could not be trusted. Each case says what and where.
public enum ImageTrustError: Error, CustomStringConvertible, Equatable {
    /// The PEM text at `source` is not a P-256 key of the expected kind.
    case invalidKey(source: String, detail: String)
    /// The signature bytes at `source` are not a DER-encoded ECDSA signature.
    case malformedSignature(source: String)
    /// The signature is well-formed but no trusted key accepts it for these bytes.
    case signatureMismatch(subject: String, keys: [String])
    /// No trusted public key was found at `source`.
    case noTrustedKeys(source: String)
    /// Reading `path` failed.
    case io(path: String, detail: String)
    /// Writing `path` failed (or would overwrite a key).
    case cannotWrite(path: String, detail: String)

    public var description: String {
        switch self {
        case .invalidKey(let source, let detail):
            "\(source): not a usable P-256 key (\(detail))"
        case .malformedSignature(let source):
            "\(source): not a DER-encoded ECDSA P-256 signature"
        case .signatureMismatch(let subject, let keys):
            keys.isEmpty
                ? "\(subject): signature does not verify (no trusted key given)"
                : "\(subject): signature does not verify against the trusted key(s) \(keys.joined(separator: ", ")) — the image was altered or signed with another key"
        case .noTrustedKeys(let source):
            "\(source): no trusted public key (expected PEM 'PUBLIC KEY' blocks in a .pem file or a directory of them)"
        case .io(let path, let detail), .cannotWrite(let path, let detail):
            "\(path): \(detail)"
        }
    }
}
