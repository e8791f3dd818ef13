import Crypto

/// A detached ECDSA P-256 signature over the SHA-256 of a file, DER-encoded as `openssl dgst -sha256 -sign` writes it.
public struct DetachedSignature: Sendable, Equatable {
    /// The DER bytes (checked to parse when the value was made).
    public let der: [UInt8]

    /// Parses DER bytes; `source` names where they came from for the error message.
    public init(der: [UInt8], source: String = "signature") throws {
        guard (try? P256.Signing.ECDSASignature(derRepresentation: der)) != nil else {
            throw ImageTrustError.malformedSignature(source: source)
        }
        self.der = der
    }

    init(signature: P256.Signing.ECDSASignature) { der = Array(signature.derRepresentation) }

    var ecdsa: P256.Signing.ECDSASignature? { try? P256.Signing.ECDSASignature(derRepresentation: der) }
}
