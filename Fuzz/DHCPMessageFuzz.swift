// libFuzzer entry for the DHCP codec, client classification and the proxyDHCP responder. Compiled together with
// those sources (see Fuzz/README.md and Fuzz/build.sh).
import NIOCore

@_cdecl("LLVMFuzzerTestOneInput")
public func dhcpMessageFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let message = try? DHCPMessage(parsing: ByteBuffer(bytes: UnsafeBufferPointer(start: data, count: size))) else {
        return 0
    }
    // Property: whatever parses, encodes to bytes that parse back to the same message.
    guard let reparsed = try? DHCPMessage(parsing: message.encoded()), reparsed == message else {
        fatalError("round trip changed a message with xid \(message.transactionID)")
    }
    let responder = ProxyResponder(server: IPv4Address(10, 0, 0, 1),
                                   files: .init(uefiHTTP: "http://10.0.0.1/ipxe.efi", ipxeScript: "http://10.0.0.1/boot.ipxe"))
    for port in [67, 4011] {
        if let reply = responder.reply(to: message, onPort: port) {
            precondition(reply.yourAddress == .zero, "proxyDHCP must never offer an address")
        }
    }
    return 0
}
