/// What `GET /install?mac=…` tells the agent to do. JSON keys are snake_case on the wire.
public struct InstallPlan: Codable, Sendable, Equatable {
    /// The root image (possibly compressed), fetched once over HTTP(S).
    public var imageURL: String
    /// Its detached signature (ECDSA P-256 / SHA-256, DER), over the bytes at `imageURL`.
    public var signatureURL: String
    public var compression: ImageCompression
    /// Bytes at `imageURL` (compressed size), when the server knows it.
    public var size: Int64?
    /// SHA-256 (lowercase hex) of the bytes at `imageURL`, when the server knows it.
    public var sha256: String?
    /// Bytes of the image after decompression (what lands in USR-A), when the server knows it; lets the agent
    /// size USR-A/USR-B and refuse a too-small disk before writing anything.
    public var uncompressedSize: Int64?
    /// `/dev/sda`-style path, or `auto`: the smallest non-removable disk large enough.
    public var disk: String
    /// Also write the image into USR-B.
    public var mirrorB: Bool
    public var cloudConfigURL: String
    /// Where the agent POSTs `InstallEvent`s.
    public var eventURL: String
    /// Per-boot token; events must carry it (`Authorization: Bearer <token>`).
    public var token: String

    public init(imageURL: String, signatureURL: String, compression: ImageCompression, size: Int64? = nil,
                sha256: String? = nil, uncompressedSize: Int64? = nil, disk: String, mirrorB: Bool,
                cloudConfigURL: String, eventURL: String, token: String) {
        self.imageURL = imageURL
        self.signatureURL = signatureURL
        self.compression = compression
        self.size = size
        self.sha256 = sha256
        self.uncompressedSize = uncompressedSize
        self.disk = disk
        self.mirrorB = mirrorB
        self.cloudConfigURL = cloudConfigURL
        self.eventURL = eventURL
        self.token = token
    }

    enum CodingKeys: String, CodingKey {
        case imageURL = "image_url", signatureURL = "signature_url", compression, size, sha256, disk
        case uncompressedSize = "uncompressed_size"
        case mirrorB = "mirror_b", cloudConfigURL = "cloud_config_url", eventURL = "event_url", token
    }
}

/// Compression of an image as served; the agent decompresses raw streams with libarchive.
public enum ImageCompression: String, Codable, Sendable, CaseIterable {
    case none, gzip, bzip2, xz, zstd

    /// Guesses from a file name's extension (`.xz`, `.zst`, `.gz`, `.bz2`), else `none`.
    public init(fileName: String) {
        if fileName.hasSuffix(".xz") { self = .xz }
        else if fileName.hasSuffix(".zst") || fileName.hasSuffix(".zstd") { self = .zstd }
        else if fileName.hasSuffix(".gz") { self = .gzip }
        else if fileName.hasSuffix(".bz2") { self = .bzip2 }
        else { self = .none }
    }
}
