import Foundation

/// A reply and where it goes.
public struct DHCPReply: Sendable, Equatable {
    public var message: DHCPMessage
    public var destination: ReplyDestination
    public init(message: DHCPMessage, destination: ReplyDestination) {
        self.message = message
        self.destination = destination
    }
}

/// What a DHCP mode does with one well-formed request that arrived on `port` (67, or 4011 in proxy mode).
public protocol DHCPResponding: Sendable {
    func respond(to request: DHCPMessage, onPort port: Int) async -> DHCPReply?
}

extension ProxyResponder: DHCPResponding {
    public func respond(to request: DHCPMessage, onPort port: Int) async -> DHCPReply? {
        guard let reply = reply(to: request, onPort: port) else { return nil }
        return DHCPReply(message: reply, destination: port == 67 ? ReplyDestination(request: request, reply: reply) : .requester)
    }
}
