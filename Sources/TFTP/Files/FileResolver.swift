#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Maps a client's file name to an open file under the configured roots, refusing anything that
/// could leave them: `..`, absolute paths, NUL bytes, and symlinks resolving outside a directory root.
struct FileResolver: Sendable {
    let roots: [TFTPRoot]

    /// Opens the file for `name` from the first root that has it.
    func open(_ name: String) throws(FileResolutionError) -> (file: ReadOnlyFile, path: String) {
        let requested = try RequestedName(name)
        for root in roots {
            guard let path = try locate(requested, in: root, name: name) else { continue }
            return (try ReadOnlyFile.open(path, name: name), path)
        }
        throw .notFound(name)
    }

    /// The real path for `requested` in `root`, nil when the root does not have it.
    private func locate(_ requested: RequestedName, in root: TFTPRoot,
                        name: String) throws(FileResolutionError) -> String? {
        switch root {
        case .files(let directory, let names):
            guard requested.components.count == 1, names.contains(requested.relativePath) else { return nil }
            let candidate = directory + "/" + requested.relativePath
            guard exists(candidate) else { return nil }
            return realPath(candidate)
        case .directory(let directory):
            let candidate = directory + "/" + requested.relativePath
            guard exists(candidate) else { return nil }
            guard let rootReal = realPath(directory), let real = realPath(candidate) else {
                throw .refused(name, "dangling symlink")
            }
            guard real.hasPrefix(rootReal == "/" ? "/" : rootReal + "/") else {
                throw .refused(name, "resolves outside the TFTP root \(directory)")
            }
            return real
        }
    }

    /// Whether something (even a dangling symlink) is at `path`.
    private func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    private func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
