import Foundation
import ProvisionModel

/// The iPXE scripts we hand out. Pure text builders; the routes decide which one a machine gets.
public enum IPXEScript {
    /// `/boot.ipxe`: the fixed entry point every iPXE chains to; it reports who is asking.
    public static func chain(publicURL: String) -> String {
        """
        #!ipxe
        chain \(publicURL)/ipxe?mac=${net0/mac:hexhyp}&uuid=${uuid}&serial=${serial}&hostname=${hostname}&arch=${buildarch}

        """
    }

    /// Boot a profile's kernel and initrds. Asset paths become `<public>/assets/<path>`; absolute URLs pass through.
    public static func boot(_ boot: Profile.Boot, extraArgs: [String], publicURL: String) -> String {
        let kernelURL = assetURL(boot.kernel, publicURL: publicURL)
        let initrds = boot.initrd.map { assetURL($0, publicURL: publicURL) }
        // iPXE names each initrd after its URL's last component; EFI-stub kernels need `initrd=<name>`.
        let initrdArgs = initrds.map { "initrd=\(lastComponent($0))" }
        let args = (initrdArgs + boot.args + extraArgs).joined(separator: " ")
        var lines = ["#!ipxe", "kernel \(kernelURL)\(args.isEmpty ? "" : " " + args)"]
        lines += initrds.map { "initrd \($0)" }
        lines.append("boot")
        return lines.joined(separator: "\n") + "\n"
    }

    /// An installed machine boots its own disk: `exit` hands back to the firmware's next boot device.
    public static func localDisk(reason: String) -> String {
        "#!ipxe\necho provision: \(sanitize(reason))\nexit\n"
    }

    /// Nothing to boot: say why, then fall through to the local disk.
    public static func noProfile(_ reason: String) -> String {
        "#!ipxe\necho provision: \(sanitize(reason))\nsleep 5\nexit\n"
    }

    static func assetURL(_ path: String, publicURL: String) -> String {
        if path.hasPrefix("http://") || path.hasPrefix("https://") { return path }
        return publicURL + "/assets/" + (path.hasPrefix("/") ? String(path.dropFirst()) : path)
    }

    /// The URL's last non-empty path component (query dropped), or the whole text when there is none.
    static func lastComponent(_ url: String) -> String {
        var path = url.utf8.firstIndex(of: UInt8(ascii: "?")).map { url[..<$0] } ?? url[...]
        while path.utf8.last == UInt8(ascii: "/") { path = path.dropLast() }
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path.isEmpty ? url : String(path) }
        return String(path[path.utf8.index(after: slash)...])
    }

    /// iPXE expands `${…}` in echo lines; keep operator text literal and on one line.
    static func sanitize(_ text: String) -> String {
        text.replacingOccurrences(of: "$", with: "").replacingOccurrences(of: "\n", with: " ")
    }
}
