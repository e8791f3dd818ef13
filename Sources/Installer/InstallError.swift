import DiskLayout
import Foundation

/// Why an install stopped. Every message says what went wrong and where, in words an operator can act on.
public enum InstallError: Error, CustomStringConvertible {
    case planUnreachable(url: String, detail: String)
    case planInvalid(url: String, detail: String)
    case unknownCompression(String)
    case noDisk(String)
    case diskTooSmall(disk: String, required: Int64, available: Int64)
    case diskInUse(disk: String, detail: String)
    case notTrusted(String)
    case fetchFailed(what: String, url: String, detail: String)
    case declined(disk: String)
    case downloadFailed(url: String, received: Int64, expected: Int64?, attempts: Int, detail: String)
    case verificationFailed(String)
    case decompressionFailed(String)
    case imageTooLarge(limit: Int64)
    case writeFailed(String)
    case reportFailed(String)

    /// Broad kinds of failure; the CLI maps each to an exit code.
    public enum Category: Sendable {
        /// The plan could not be fetched or read.
        case plan
        /// Refused before writing anything to the disk.
        case refused
        /// The image could not be downloaded completely.
        case download
        /// The image is not what was signed (tampered, wrong key, truncated).
        case verification
        /// Writing the disk failed after it began.
        case write
        /// Installed, but the server could not be told.
        case report
    }

    public var category: Category {
        switch self {
        case .planUnreachable, .planInvalid: .plan
        case .unknownCompression, .noDisk, .diskTooSmall, .diskInUse, .notTrusted, .fetchFailed, .declined: .refused
        case .downloadFailed: .download
        case .verificationFailed: .verification
        case .decompressionFailed, .imageTooLarge, .writeFailed: .write
        case .reportFailed: .report
        }
    }

    public var description: String {
        switch self {
        case .planUnreachable(let url, let detail): "cannot fetch the install plan from \(url): \(detail)"
        case .planInvalid(let url, let detail): "the install plan from \(url) is not usable: \(detail)"
        case .unknownCompression(let name):
            "unknown image compression '\(name)' (supported: \(ImageCompressionNames.supported))"
        case .noDisk(let detail): "no disk to install to: \(detail)"
        case .diskTooSmall(let disk, let required, let available):
            "disk too small: \(disk) has \(ByteCount.short(available)), the layout needs \(ByteCount.short(required))"
        case .diskInUse(let disk, let detail): "\(disk) is in use (\(detail)); unmount it first"
        case .notTrusted(let detail): detail
        case .fetchFailed(let what, let url, let detail): "cannot fetch the \(what) from \(url): \(detail)"
        case .declined(let disk): "not confirmed; \(disk) left untouched (pass --yes to install without asking)"
        case .downloadFailed(let url, let received, let expected, let attempts, let detail):
            "download of \(url) failed after \(attempts) attempt(s) at byte \(received)\(expected.map { " of \($0)" } ?? ""): \(detail)"
        case .verificationFailed(let detail): "image rejected: \(detail); the partition table was not changed"
        case .decompressionFailed(let detail): "cannot decompress the image: \(detail)"
        case .imageTooLarge(let limit): "the decompressed image is larger than USR-A (\(ByteCount.short(limit)))"
        case .writeFailed(let detail): "writing the disk failed: \(detail)"
        case .reportFailed(let detail): "installed, but the server was not told: \(detail)"
        }
    }
}

enum ImageCompressionNames {
    static let supported = "none, gzip, bzip2, xz, zstd"
}
