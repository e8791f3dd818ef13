/// What `provision image import` records beside an imported image, as `assets/<os>/<version>/manifest.json`:
/// everything the server needs to build an `InstallPlan` without reading the image. JSON keys are snake_case.
public struct ImageManifest: Codable, Sendable, Equatable {
    public var os: String
    public var version: String
    /// File name of the image inside `assets/<os>/<version>/`.
    public var image: String
    /// File name of its detached signature (DER) in the same directory.
    public var signature: String
    public var compression: ImageCompression
    /// Bytes of the image file as served.
    public var size: Int64
    /// SHA-256 (lowercase hex) of the image file.
    public var sha256: String
    /// Bytes after decompression.
    public var uncompressedSize: Int64
    /// Fingerprint of the trusted key the signature verified against.
    public var signedBy: String

    public init(os: String, version: String, image: String, signature: String, compression: ImageCompression, size: Int64,
                sha256: String, uncompressedSize: Int64, signedBy: String) {
        self.os = os
        self.version = version
        self.image = image
        self.signature = signature
        self.compression = compression
        self.size = size
        self.sha256 = sha256
        self.uncompressedSize = uncompressedSize
        self.signedBy = signedBy
    }

    enum CodingKeys: String, CodingKey {
        case os, version, image, signature, compression, size, sha256
        case uncompressedSize = "uncompressed_size", signedBy = "signed_by"
    }
}
