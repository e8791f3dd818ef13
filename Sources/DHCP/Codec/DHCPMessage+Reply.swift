extension DHCPMessage {
    /// The skeleton of a server's answer to `request` (RFC 2131 table 3): same transaction, client hardware
    /// address, flags, relay and client address; the message type and the server identifier set.
    public init(replyingTo request: DHCPMessage, type: DHCPMessageType, server: IPv4Address) {
        self.init(operation: .reply, transactionID: request.transactionID, clientHardwareAddress: request.clientHardwareAddress)
        hardwareType = request.hardwareType
        broadcast = request.broadcast
        relayAddress = request.relayAddress
        messageType = type
        options.setAddresses(.serverIdentifier, [server])
    }
}
