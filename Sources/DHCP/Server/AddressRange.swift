/// The addresses server mode hands out dynamically: `FIRST-LAST`, inclusive.
public struct AddressRange: Sendable, Equatable, CustomStringConvertible {
    public let first: IPv4Address
    public let last: IPv4Address

    public init(first: IPv4Address, last: IPv4Address) throws(DHCPConfigurationError) {
        guard first <= last else { throw DHCPConfigurationError("range \(first)-\(last): first address is after the last") }
        self.first = first
        self.last = last
    }

    /// `10.0.0.100-10.0.0.200`.
    public init(parsing text: String) throws(DHCPConfigurationError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let first = IPv4Address(parts[0].filter { $0 != " " }), let last = IPv4Address(parts[1].filter { $0 != " " }) else {
            throw DHCPConfigurationError("range '\(text)' is not FIRST-LAST (e.g. 10.0.0.100-10.0.0.200)")
        }
        try self.init(first: first, last: last)
    }

    public func contains(_ address: IPv4Address) -> Bool { first <= address && address <= last }

    public var count: Int { Int(last.value - first.value) + 1 }

    /// Every address, in order.
    public var addresses: some Sequence<IPv4Address> { (first.value...last.value).lazy.map(IPv4Address.init(value:)) }

    public var description: String { "\(first)-\(last)" }
}
