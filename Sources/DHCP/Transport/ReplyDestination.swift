/// Where a server's reply goes (RFC 2131 §4.1): to the relay when there is one, to a client that already has
/// its address by unicast, and otherwise by broadcast on the segment (clients without an address cannot
/// receive unicast until ARP knows them, which a user-space server cannot arrange portably).
public enum ReplyDestination: Equatable, Sendable {
    case broadcast
    case client(IPv4Address)
    case relay(IPv4Address)
    /// Back to the address and port the request came from (proxyDHCP's port 4011 exchange).
    case requester

    public init(request: DHCPMessage, reply: DHCPMessage) {
        if request.relayAddress != .zero {
            self = .relay(request.relayAddress)
        } else if reply.messageType != .nak, request.clientAddress != .zero {
            self = .client(request.clientAddress)
        } else {
            self = .broadcast
        }
    }

    /// (address, UDP port) to send to; nil for `.requester`.
    public var socketAddress: (host: IPv4Address, port: Int)? {
        switch self {
        case .broadcast: (.broadcast, 68)
        case .client(let address): (address, 68)
        case .relay(let address): (address, 67)
        case .requester: nil
        }
    }
}
