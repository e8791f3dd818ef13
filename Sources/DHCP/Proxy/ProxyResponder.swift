/// proxyDHCP (PXE spec §2.2.5, as pixiecore and dnsmasq's `dhcp-range=…,proxy` do it): beside the DHCP server that
/// hands out addresses, answer only network-boot clients, only with boot information, and never offer an address
/// (`yiaddr` stays 0). Pure: a request in, the reply (or nil to stay silent) out.
public struct ProxyResponder: Sendable {
    /// This server's address on the clients' segment: server identifier and TFTP next-server.
    public var server: IPv4Address
    public var files: BootOffer.Files

    public init(server: IPv4Address, files: BootOffer.Files) {
        self.server = server
        self.files = files
    }

    /// On port 67: DISCOVER → OFFER. On port 4011 (UEFI ROMs ask there after the OFFER): REQUEST → ACK.
    /// Everything else, and every client that is not network-booting, gets nothing.
    public func reply(to request: DHCPMessage, onPort port: Int) -> DHCPMessage? {
        guard request.operation == .request, let client = BootClient(request.options) else { return nil }
        let type: DHCPMessageType
        switch (request.messageType, port) {
        case (.discover?, 67): type = .offer
        case (.request?, 4011): type = .ack
        case (.request?, 67) where request.options.address(.serverIdentifier) == server: type = .ack
        default: return nil
        }
        let offer = BootOffer.choose(for: client, server: server, files: files)
        var reply = DHCPMessage(replyingTo: request, type: type, server: server)
        reply.clientAddress = request.clientAddress
        offer.apply(to: &reply, request: request)
        return reply
    }
}
