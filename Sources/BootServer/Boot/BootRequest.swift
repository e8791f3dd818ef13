import ProvisionModel

/// Who is asking, from the query of `/ipxe`, `/cloud-config`, `/metadata`, `/install`:
/// `mac` plus the selector attributes iPXE fills in (`uuid`, `serial`, `hostname`, `arch`).
public struct BootRequest: Sendable, Equatable {
    public var mac: MACAddress?
    /// Selector attributes with empty values dropped (iPXE sends `uuid=` when it has none).
    public var attributes: [String: String]

    public static let selectorKeys = ["mac", "uuid", "serial", "hostname", "arch"]

    public init(query: [String: String]) throws(BootError) {
        var attributes: [String: String] = [:]
        for key in Self.selectorKeys {
            if let value = query[key], !value.isEmpty { attributes[key] = value }
        }
        if let text = attributes["mac"] {
            guard let mac = MACAddress(text) else { throw .badRequest("invalid MAC address '\(text)'") }
            self.mac = mac
            attributes["mac"] = mac.description
        }
        self.attributes = attributes
    }

    public init(mac: MACAddress, attributes: [String: String] = [:]) {
        self.mac = mac
        self.attributes = attributes.merging(["mac": mac.description]) { $1 }
    }

    /// The MAC, or a 400 saying it is required.
    public func requireMAC() throws(BootError) -> MACAddress {
        guard let mac else { throw .badRequest("query parameter 'mac' is required") }
        return mac
    }
}

/// Why a boot endpoint could not answer; maps to an HTTP status and a one-line reason.
public enum BootError: Error, CustomStringConvertible, Equatable {
    case badRequest(String)
    case notFound(String)
    case forbidden(String)
    /// Rendering or validation failed: the operator's profile or template is wrong.
    case renderFailed(String)

    public var description: String {
        switch self {
        case .badRequest(let m), .notFound(let m), .forbidden(let m), .renderFailed(let m): m
        }
    }
}
