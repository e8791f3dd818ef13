import Foundation

/// Maps a request path to a file under a root, refusing anything that could leave it:
/// `..` segments, NUL bytes, and symlinks whose target resolves outside the root.
public struct AssetRoot: Sendable {
    /// The root with symlinks resolved, so prefix checks compare like with like.
    public let resolvedRoot: String
    /// When set, only these names directly under the root are served, and their symlinks may lead anywhere.
    private let names: Set<String>?

    public init(_ root: String) {
        self.init(root, names: nil)
    }

    private init(_ root: String, names: Set<String>?) {
        let absolute = root.hasPrefix("/") ? root : FileManager.default.currentDirectoryPath + "/" + root
        resolvedRoot = AssetRoot.realpath(absolute) ?? absolute
        self.names = names
    }

    /// Debian's iPXE binaries for `/firmware/`: a fixed list of names, so no request path is ever resolved there,
    /// and symlinks are followed (the `ipxe` package links `ipxe.efi` to `/boot/ipxe.efi`).
    public static func firmware(_ directory: String) -> AssetRoot {
        AssetRoot(directory, names: ["undionly.kpxe", "ipxe.efi", "snponly.efi", "ipxe.pxe"])
    }

    public enum Refusal: Error, Equatable, CustomStringConvertible {
        case badEncoding
        case traversal(String)
        case notFound(String)
        public var description: String {
            switch self {
            case .badEncoding: "invalid percent-encoding"
            case .traversal(let path): "refused path '\(path)': leaves the asset root"
            case .notFound(let path): "'\(path)' not found"
            }
        }
    }

    /// The real path of a regular file for `relative` (already percent-decoded), or why not.
    public func resolve(_ relative: String) throws(Refusal) -> String {
        if let names {
            guard names.contains(relative) else { throw .notFound(relative) }
            guard let real = AssetRoot.realpath(resolvedRoot + "/" + relative) else { throw .notFound(relative) }
            return real
        }
        let segments = relative.split(separator: "/", omittingEmptySubsequences: true)
        guard !relative.contains("\0"), !segments.contains(where: { $0 == ".." || $0 == "." }) else {
            throw .traversal(relative)
        }
        let joined = segments.isEmpty ? resolvedRoot : resolvedRoot + "/" + segments.joined(separator: "/")
        guard let real = AssetRoot.realpath(joined) else { throw .notFound(relative) }
        guard real.hasPrefix(resolvedRoot + "/") else { throw .traversal(relative) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: real, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw .notFound(relative)
        }
        return real
    }

    static func realpath(_ path: String) -> String? {
        guard let resolved = Foundation.realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
