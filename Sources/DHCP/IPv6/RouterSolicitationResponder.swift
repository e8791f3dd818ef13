#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Logging
import Synchronization

/// Answers router solicitations on one interface with `RouterAdvertisement.message`, sent to all nodes (ff02::1).
/// A raw ICMPv6 socket read with blocking calls on a thread of its own (NIO has no raw sockets); the read times out
/// every half second so `stop()` is noticed.
public final class RouterSolicitationResponder: Sendable {
    private let descriptor: Int32
    private let interfaceIndex: UInt32
    private let stopping = Atomic<Bool>(false)
    private let logger: Logger

    private init(descriptor: Int32, interfaceIndex: UInt32, logger: Logger) {
        self.descriptor = descriptor
        self.interfaceIndex = interfaceIndex
        self.logger = logger
    }

    /// Opens the socket (needs root or CAP_NET_RAW) and starts answering.
    public static func start(interface: String, logger: Logger) throws(DHCPConfigurationError) -> RouterSolicitationResponder {
        let index = if_nametoindex(interface)
        guard index != 0 else { throw DHCPConfigurationError("ipv6: no interface \(interface)") }
        let fd = socket(AF_INET6, Int32(SOCK_RAW.rawValue) | Int32(SOCK_CLOEXEC.rawValue), Int32(IPPROTO_ICMPV6))
        guard fd >= 0 else { throw DHCPConfigurationError("ipv6: cannot open a raw ICMPv6 socket: \(String(cString: strerror(errno)))") }
        do {
            try configure(fd, interface: interface, index: index)
        } catch {
            close(fd)
            throw error
        }
        let responder = RouterSolicitationResponder(descriptor: fd, interfaceIndex: index, logger: logger)
        let thread = Thread { responder.serve() }
        thread.name = "router-solicitations"
        thread.start()
        return responder
    }

    public func stop() { stopping.store(true, ordering: .relaxed) }

    /// ff02::`group`: the link-local multicast groups solicitations go to (all routers) and advertisements come from (all nodes).
    private static func linkLocalMulticast(_ group: UInt8) -> [UInt8] { [0xff, 0x02] + [UInt8](repeating: 0, count: 13) + [group] }
    private static let allNodes: UInt8 = 1
    private static let allRouters: UInt8 = 2

    private static func configure(_ fd: Int32, interface: String, index: UInt32) throws(DHCPConfigurationError) {
        var hops = RouterAdvertisement.hopLimit
        var timeout = timeval(tv_sec: 0, tv_usec: 500_000)
        var group = ipv6_mreq()
        group.ipv6mr_interface = index
        withUnsafeMutableBytes(of: &group.ipv6mr_multiaddr) { $0.copyBytes(from: linkLocalMulticast(allRouters)) }
        let name = Array(interface.utf8)
        let results = [
            setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, name, socklen_t(name.count)),
            setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_MULTICAST_HOPS, &hops, socklen_t(MemoryLayout<Int32>.size)),
            setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_UNICAST_HOPS, &hops, socklen_t(MemoryLayout<Int32>.size)),
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size)),
            setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_ADD_MEMBERSHIP, &group, socklen_t(MemoryLayout<ipv6_mreq>.size)),
        ]
        if let failed = results.firstIndex(where: { $0 != 0 }) {
            throw DHCPConfigurationError("ipv6: socket option \(failed) on \(interface): \(String(cString: strerror(errno)))")
        }
    }

    private func serve() {
        var buffer = [UInt8](repeating: 0, count: 1500)
        while !stopping.load(ordering: .relaxed) {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            guard count > 0, RouterAdvertisement.isSolicitation(buffer[..<count]) else { continue }
            advertise()
        }
        close(descriptor)
    }

    private func advertise() {
        var destination = sockaddr_in6()
        destination.sin6_family = sa_family_t(AF_INET6)
        destination.sin6_scope_id = interfaceIndex
        withUnsafeMutableBytes(of: &destination.sin6_addr) { $0.copyBytes(from: Self.linkLocalMulticast(Self.allNodes)) }
        let sent = withUnsafePointer(to: &destination) { address in
            address.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                sendto(descriptor, RouterAdvertisement.message, RouterAdvertisement.message.count, 0, $0,
                       socklen_t(MemoryLayout<sockaddr_in6>.size))
            }
        }
        if sent < 0 { logger.debug("ipv6: cannot send a router advertisement: \(String(cString: strerror(errno)))") }
    }
}
