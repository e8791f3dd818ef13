/// ICMPv6 router discovery (RFC 4861 §4.1, §4.2), the little server mode needs of it: recognise a router
/// solicitation, and build an advertisement that says "no default router here, and no DHCPv6" (router lifetime 0,
/// M and O clear). iPXE configures IPv6 beside DHCPv4 and waits ~13 s for an advertisement that never comes on an
/// IPv4-only boot network; this answer ends that wait at once.
public enum RouterAdvertisement {
    public static let solicitationType: UInt8 = 133
    public static let advertisementType: UInt8 = 134
    /// Routers send and hosts accept router discovery only with this hop limit (it proves the sender is on-link).
    public static let hopLimit: Int32 = 255

    /// Whether an ICMPv6 message (as a raw socket reads it, without the IPv6 header) is a router solicitation.
    public static func isSolicitation(_ message: some Collection<UInt8>) -> Bool {
        message.count >= 8 && message.first == solicitationType && message.dropFirst().first == 0
    }

    /// The advertisement: type 134, code 0, checksum 0 (the kernel fills it in for raw ICMPv6 sockets), current hop
    /// limit 64, flags 0, router lifetime 0, reachable time 0, retransmit timer 0; no options.
    public static let message: [UInt8] = [advertisementType, 0, 0, 0, 64, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
}
