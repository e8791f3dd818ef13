/// What server mode tells clients besides their address. Validated once, at start.
public struct DHCPServerSettings: Sendable, Equatable {
    /// Our address on the segment: server identifier and TFTP next-server.
    public var server: IPv4Address
    public var subnetMask: IPv4Address
    public var range: AddressRange
    public var routers: [IPv4Address]
    public var dnsServers: [IPv4Address]
    /// Seconds; renewal (T1) is half of it and rebinding (T2) seven eighths (RFC 2131 §4.4.5).
    public var leaseTime: UInt32
    public var files: BootOffer.Files
    /// Seconds an offered address stays held for the client that was offered it.
    public var offerHold: Double = 60

    public init(server: IPv4Address, subnetMask: IPv4Address, range: AddressRange, routers: [IPv4Address] = [],
                dnsServers: [IPv4Address] = [], leaseTime: UInt32 = 3600, files: BootOffer.Files) throws(DHCPConfigurationError) {
        self.server = server
        self.subnetMask = subnetMask
        self.range = range
        self.routers = routers
        self.dnsServers = dnsServers
        self.leaseTime = leaseTime
        self.files = files
        guard inSubnet(range.first), inSubnet(range.last) else {
            throw DHCPConfigurationError("range \(range) is not inside \(server)/\(prefixLength) (the interface's subnet)")
        }
        guard leaseTime >= 60 else { throw DHCPConfigurationError("lease time \(leaseTime)s is under a minute") }
    }

    public func inSubnet(_ address: IPv4Address) -> Bool {
        address.value & subnetMask.value == server.value & subnetMask.value
            && address != network && address != broadcast
    }

    public var network: IPv4Address { IPv4Address(value: server.value & subnetMask.value) }
    public var broadcast: IPv4Address { IPv4Address(value: server.value | ~subnetMask.value) }
    public var prefixLength: Int { subnetMask.value.nonzeroBitCount }
    public var renewalTime: UInt32 { leaseTime / 2 }
    public var rebindingTime: UInt32 { UInt32(UInt64(leaseTime) * 7 / 8) }

    /// `90s`, `30m`, `1h`, `1d`, or plain seconds.
    public static func leaseTime(parsing text: String) throws(DHCPConfigurationError) -> UInt32 {
        let units: [Character: UInt32] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        let unit = text.last.flatMap { units[$0] }
        guard let number = UInt32(unit == nil ? text : String(text.dropLast())),
              case let (seconds, overflow) = number.multipliedReportingOverflow(by: unit ?? 1), !overflow else {
            throw DHCPConfigurationError("lease '\(text)' is not a duration such as 30m, 1h or 1d")
        }
        return seconds
    }
}
