/// One place the server looks for a requested name. Roots are searched in order; the first that has
/// the name serves it.
public enum TFTPRoot: Hashable, Sendable, CustomStringConvertible {
    /// Any regular file beneath `path` (symlinks are followed only while they stay beneath it).
    case directory(String)
    /// Only `names`, taken from `directory` and served under those bare names. The operator listed
    /// them explicitly, so a symlink here may point anywhere (Debian's `ipxe.efi` links to /boot).
    case files(directory: String, names: [String])

    /// Debian's `ipxe` package binaries: `undionly.kpxe`, `ipxe.efi`, `snponly.efi` from /usr/lib/ipxe.
    public static let debianIPXE = TFTPRoot.ipxe(directory: "/usr/lib/ipxe")

    /// The iPXE binaries PXE ROMs ask for (`undionly.kpxe`, `ipxe.efi`, `snponly.efi`) from `directory`.
    public static func ipxe(directory: String) -> TFTPRoot {
        .files(directory: directory, names: ["undionly.kpxe", "ipxe.efi", "snponly.efi"])
    }

    public var description: String {
        switch self {
        case .directory(let path): path
        case .files(let directory, let names): "\(directory){\(names.joined(separator: ","))}"
        }
    }
}
