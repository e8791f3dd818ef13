import Crypto

/// A private ECDSA P-256 key that signs images. PEM is PKCS#8 (`-----BEGIN PRIVATE KEY-----`), as
/// `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256` writes it; SEC1 (`EC PRIVATE KEY`) is also read.
public struct SigningKey: Sendable {
    /// The 32-byte scalar; the Crypto key object is rebuilt from it when used (it is not `Sendable` on Linux).
    let raw: [UInt8]

    /// A fresh random key.
    public static func generate() -> SigningKey { SigningKey(P256.Signing.PrivateKey()) }

    init(_ key: P256.Signing.PrivateKey) { raw = Array(key.rawRepresentation) }

    /// Parses PEM text; `source` names where it came from for the error message.
    public init(pem: String, source: String = "private key") throws {
        do {
            self.init(try P256.Signing.PrivateKey(pemRepresentation: pem))
        } catch {
            throw ImageTrustError.invalidKey(source: source, detail: "expected PEM 'PRIVATE KEY' (PKCS#8) on curve P-256")
        }
    }

    func key() throws -> P256.Signing.PrivateKey { try P256.Signing.PrivateKey(rawRepresentation: raw) }

    /// PKCS#8 PEM.
    public var pem: String { (try? key().pemRepresentation) ?? "" }

    public var verifyingKey: VerifyingKey {
        // `raw` came from a valid key, so rebuilding cannot fail; an empty key would verify nothing.
        VerifyingKey(raw: (try? key().publicKey.rawRepresentation).map(Array.init) ?? [])
    }

    /// Signs an already computed SHA-256 digest (so callers can hash any amount of data in constant memory).
    public func sign(_ digest: ImageDigest) throws -> DetachedSignature {
        DetachedSignature(signature: try key().signature(for: digest.cryptoDigest))
    }
}
