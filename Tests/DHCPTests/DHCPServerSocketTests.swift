@testable import DHCP
#if canImport(Glibc)
import Glibc
#endif
import Logging
import NIOCore
import Testing

/// The I/O shell with real UDP sockets on 127.0.0.1: garbage is dropped and the server keeps answering; a reply
/// on a port other than 67 (proxyDHCP's 4011 exchange) goes back to the sender's address and port.
@Suite struct DHCPServerSocketTests {
    @Test func garbageIsDroppedAndTheNextRequestIsAnswered() async throws {
        let responder = ProxyResponder(server: IPv4Address(127, 0, 0, 1),
                                       files: .init(uefiHTTP: "http://127.0.0.1/firmware/ipxe.efi", ipxeScript: "http://127.0.0.1/boot.ipxe"))
        let server = try await DHCPServer.bind(responder: responder, host: "127.0.0.1", ports: [4011], interface: nil,
                                               logger: Logger(label: "test"))
        let running = Task { try await server.run() }
        defer { running.cancel() }
        let port = try #require(server.ports.first)

        let client = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(client) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        func send(_ bytes: [UInt8]) {
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(client, bytes, bytes.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        send([1, 2, 3])                                              // too short to be DHCP
        send([UInt8](repeating: 0xff, count: 300))                   // no magic cookie
        send(romDiscover(architecture: 7, vendorClass: "PXEClient:Arch:00007:UNDI:003016", type: .request))
        // Polled, not a blocking recv: that would hold one of the few cooperative threads the server's task needs.
        var reply = [UInt8](repeating: 0, count: 1500)
        var count = -1
        for _ in 0..<200 where count <= 0 {
            count = recv(client, &reply, reply.count, Int32(MSG_DONTWAIT))
            if count <= 0 { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(count > 240, "no reply within 10 s")
        let ack = try DHCPMessage(parsing: ByteBuffer(bytes: reply.prefix(max(count, 0))))
        #expect(ack.messageType == .ack && ack.transactionID == 0xdeadbeef && ack.bootFile == "ipxe.efi")
        await server.close()
    }
}
