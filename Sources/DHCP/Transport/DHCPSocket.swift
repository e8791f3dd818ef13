#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import NIOPosix

/// One UDP socket of the DHCP server: bound to `0.0.0.0:port` and, when an interface is named, to that device
/// (SO_BINDTODEVICE), so requests from other segments are never seen and broadcast replies leave by the right link.
struct DHCPSocket: Sendable {
    typealias Envelope = AddressedEnvelope<ByteBuffer>
    let channel: NIOAsyncChannel<Envelope, Envelope>
    let port: Int

    static func bind(host: String, port: Int, interface: String?, group: any EventLoopGroup) async throws -> DHCPSocket {
        let channel = try await DatagramBootstrap(group: group)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .channelOption(.socketOption(.so_broadcast), value: 1)
            .channelInitializer { channel in
                enlargeReceiveBuffer(channel)
                guard let interface else { return channel.eventLoop.makeSucceededVoidFuture() }
                return bindToDevice(channel, interface: interface)
            }
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<Envelope, Envelope>(wrappingChannelSynchronously: channel)
                }
            }
        return DHCPSocket(channel: channel, port: channel.channel.localAddress?.port ?? port)
    }

    /// A rack powering on at once broadcasts hundreds of DISCOVERs within milliseconds; the default buffer
    /// (rmem_default, ~208 KiB, a few hundred small datagrams) drops the rest. As root SO_RCVBUFFORCE lifts the
    /// rmem_max cap; elsewhere the buffer stays as it is.
    private static func enlargeReceiveBuffer(_ channel: any Channel) {
        guard let provider = channel as? any SocketOptionProvider else { return }
        let size: Int32 = 4 << 20
        _ = provider.unsafeSetSocketOption(level: .socket, name: NIOBSDSocket.Option(rawValue: SO_RCVBUFFORCE), value: size)
    }

    private static func bindToDevice(_ channel: any Channel, interface: String) -> EventLoopFuture<Void> {
        guard let provider = channel as? any SocketOptionProvider else {
            return channel.eventLoop.makeFailedFuture(DHCPConfigurationError("cannot bind to \(interface): no socket options"))
        }
        // The kernel takes the name as a NUL-padded IFNAMSIZ (16) byte buffer.
        var name: (CChar, CChar, CChar, CChar, CChar, CChar, CChar, CChar,
                   CChar, CChar, CChar, CChar, CChar, CChar, CChar, CChar) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let bytes = Array(interface.utf8.prefix(15))
        withUnsafeMutableBytes(of: &name) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        return provider.unsafeSetSocketOption(level: .socket, name: NIOBSDSocket.Option(rawValue: SO_BINDTODEVICE), value: name)
    }
}
