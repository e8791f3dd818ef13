/// What an operator says about a machine (`machine add`, `machine set`, an import row, the admin API).
/// Fields left nil are "not given": on create they take defaults, on update they stay as they were.
public struct MachineSpec: Codable, Sendable, Equatable {
    public var mac: String?
    public var name: String?
    public var profile: String?
    public var labels: [String: String]?
    public var metadata: [String: String]?
    public var ip: String?

    public init(mac: String? = nil, name: String? = nil, profile: String? = nil, labels: [String: String]? = nil,
                metadata: [String: String]? = nil, ip: String? = nil) {
        self.mac = mac
        self.name = name
        self.profile = profile
        self.labels = labels
        self.metadata = metadata
        self.ip = ip
    }

    /// Problems with the values themselves (not whether the profile exists), each a short sentence.
    public func problems(requireMAC: Bool) -> [String] {
        var found: [String] = []
        if let mac {
            if MACAddress(mac) == nil { found.append("invalid MAC address '\(mac)' (use 52:54:00:ab:cd:ef, 52-54-00-ab-cd-ef or 525400abcdef)") }
        } else if requireMAC {
            found.append("mac is required")
        }
        if let ip, !ip.isEmpty, !MachineSpec.isCIDR(ip) { found.append("invalid ip '\(ip)' (use CIDR form, e.g. 10.0.0.11/24)") }
        for key in (labels ?? [:]).keys where key.isEmpty || key.contains("=") {
            found.append("invalid label key '\(key)'")
        }
        return found
    }

    /// Applies the given fields to `machine` (labels and metadata replace the maps wholesale; "" clears name/profile/ip).
    public func apply(to machine: inout Machine) {
        if let name { machine.name = name.isEmpty ? nil : name }
        if let profile { machine.profile = profile.isEmpty ? nil : profile }
        if let labels { machine.labels = labels }
        if let metadata { machine.metadata = metadata }
        if let ip { machine.ip = ip.isEmpty ? nil : ip }
    }

    /// IPv4 `a.b.c.d/n` or IPv6 `x::y/n`.
    static func isCIDR(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let prefix = Int(parts[1]) else { return false }
        let address = parts[0]
        if address.contains(":") { return (0...128).contains(prefix) && address.allSatisfy { $0.isHexDigit || $0 == ":" } }
        let octets = address.split(separator: ".", omittingEmptySubsequences: false)
        return (0...32).contains(prefix) && octets.count == 4 && octets.allSatisfy { UInt8($0) != nil }
    }
}
