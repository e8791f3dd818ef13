import ProvisionModel

extension DHCPMessage {
    /// The client's MAC for Ethernet clients (htype 1, hlen 6). Kept apart so the codec itself needs only NIOCore
    /// (the fuzz build compiles it alone).
    public var mac: MACAddress? {
        hardwareType == 1 ? MACAddress(bytes: clientHardwareAddress) : nil
    }
}
