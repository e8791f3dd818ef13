/// A client's file name checked and split into path components, before any filesystem access.
/// Backslashes count as separators (Windows-style clients); `.` and empty components are dropped.
struct RequestedName: Hashable, Sendable {
    let components: [String]

    var relativePath: String { components.joined(separator: "/") }

    init(_ raw: String) throws(FileResolutionError) {
        guard !raw.utf8.contains(0) else { throw .refused(raw, "contains a NUL byte") }
        let normalized = raw.replacingOccurrences(of: "\\", with: "/")
        guard !normalized.hasPrefix("/") else { throw .refused(raw, "absolute paths are not served") }
        let parts = normalized.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard !parts.contains("..") else { throw .refused(raw, "'..' is not allowed") }
        components = parts.filter { $0 != "." }
        guard !components.isEmpty else { throw .notFound(raw) }
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: Character, with replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}
