import Crypto

/// A public ECDSA P-256 key that checks image signatures. PEM is SubjectPublicKeyInfo (`-----BEGIN PUBLIC KEY-----`),
/// as `openssl pkey -pubout` writes it.
public struct VerifyingKey: Sendable, Equatable {
    /// The 64-byte X‖Y point; the Crypto key object is rebuilt from it when used (it is not `Sendable` on Linux).
    let raw: [UInt8]

    init(raw: [UInt8]) { self.raw = raw }

    /// Parses PEM text; `source` names where it came from for the error message.
    public init(pem: String, source: String = "public key") throws {
        do {
            raw = Array(try P256.Signing.PublicKey(pemRepresentation: pem).rawRepresentation)
        } catch {
            throw ImageTrustError.invalidKey(source: source, detail: "expected PEM 'PUBLIC KEY' (SubjectPublicKeyInfo) on curve P-256")
        }
    }

    var key: P256.Signing.PublicKey? { try? P256.Signing.PublicKey(rawRepresentation: raw) }

    public var pem: String { key?.pemRepresentation ?? "" }

    /// `sha256:` and the first 16 hex digits of the SHA-256 of the DER SubjectPublicKeyInfo: names a key in messages.
    public var fingerprint: String {
        let hex = ImageDigest(SHA256.hash(data: key.map { Array($0.derRepresentation) } ?? [])).hex
        return "sha256:" + hex.prefix(16)
    }

    /// True when `signature` was made over `digest` by this key's private half.
    public func accepts(_ signature: DetachedSignature, for digest: ImageDigest) -> Bool {
        guard let key, let ecdsa = signature.ecdsa else { return false }
        return key.isValidSignature(ecdsa, for: digest.cryptoDigest)
    }
}
