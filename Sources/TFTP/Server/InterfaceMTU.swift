#if canImport(Glibc)
import Glibc

/// The MTU of a network interface, read from /sys/class/net (Linux); nil when unknown.
enum InterfaceMTU {
    /// IPv4 (20) + UDP (8) + TFTP DATA header (4): what a block must leave room for in one frame.
    static let overhead = 32

    static func mtu(interfaceIndex: Int) -> Int? {
        var name = [CChar](repeating: 0, count: Int(IF_NAMESIZE) + 1)
        guard interfaceIndex > 0, if_indextoname(UInt32(interfaceIndex), &name) != nil else { return nil }
        let interface = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let fd = open("/sys/class/net/\(interface)/mtu", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 16)
        let count = read(fd, &bytes, bytes.count)
        guard count > 0 else { return nil }
        let text = String(decoding: bytes[0..<count], as: UTF8.self).trimmingNewline
        return Int(text)
    }

    /// The largest block that fits one unfragmented datagram on the interface, if known.
    static func blockSizeLimit(interfaceIndex: Int?) -> Int? {
        guard let interfaceIndex, let mtu = mtu(interfaceIndex: interfaceIndex), mtu > overhead + 8 else { return nil }
        return mtu - overhead
    }
}

extension String {
    fileprivate var trimmingNewline: String {
        String(unicodeScalars.filter { $0 != "\n" && $0 != " " })
    }
}
#else
enum InterfaceMTU {
    static func blockSizeLimit(interfaceIndex: Int?) -> Int? { nil }
}
#endif
