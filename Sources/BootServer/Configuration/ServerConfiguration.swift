import Foundation

/// Every setting of `provision serve`. Defaults here; the YAML config file overrides them; flags override both.
/// `deploy/provision.yaml` lists the same settings with comments.
public struct ServerConfiguration: Sendable, Equatable, Codable {
    /// HTTP listen address, `HOST:PORT` (port 0 picks a free one).
    public var http: String = "127.0.0.1:8080"
    /// Directory for the SQLite database and the generated admin token.
    public var data: String = "var"
    public var profiles: String = "profiles"
    public var assets: String = "assets"
    /// The URL machines reach us at; boot scripts, plans and discovery URLs are built from it, never from Host.
    /// Default: `http(s)://<http address>`.
    public var publicURL: String?
    /// Bearer token for `/api/v1`; generated (mode 0600) when the file does not exist. Default `<data>/admin-token`.
    public var adminTokenFile: String?
    public var tlsCert: String?
    public var tlsKey: String?
    /// TFTP listen address `HOST:PORT`, `:PORT`, or `off`. Default `:69` as root, otherwise off.
    public var tftp: String?
    /// DHCP mode: `off`, `proxy` (beside an existing DHCP server: boot information only) or `server`.
    public var dhcp: String = "off"
    /// The network interface DHCP serves (required unless `dhcp` is off).
    public var interface: String?
    /// Server mode's dynamic range, `FIRST-LAST`.
    public var dhcpRange: String?
    /// Server mode's routers (option 3) and DNS servers (option 6).
    public var dhcpRouter: [String] = []
    public var dhcpDNS: [String] = []
    /// Server mode's lease time: `90s`, `30m`, `1h`, `1d` or seconds.
    public var dhcpLease: String = "1h"
    /// Where Debian's `ipxe` package puts the iPXE binaries served over TFTP and /assets.
    public var ipxeDir: String = "/usr/lib/ipxe"
    /// `trace`, `debug`, `info`, `notice`, `warning`, `error`.
    public var logLevel: String = "info"
    /// Seconds an etcd discovery watch stays open before an empty 200.
    public var discoveryWatchTimeout: Double = 60
    /// Seconds a discovery token lives.
    public var discoveryTokenTTL: Double = 7 * 24 * 3600

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case http, data, profiles, assets, publicURL = "public_url", adminTokenFile = "admin_token_file"
        case tlsCert = "tls_cert", tlsKey = "tls_key", tftp, ipxeDir = "ipxe_dir", logLevel = "log_level"
        case dhcp, interface, dhcpRange = "dhcp_range", dhcpRouter = "dhcp_router", dhcpDNS = "dhcp_dns", dhcpLease = "dhcp_lease"
        case discoveryWatchTimeout = "discovery_watch_timeout", discoveryTokenTTL = "discovery_token_ttl"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ServerConfiguration()
        http = try c.decodeIfPresent(String.self, forKey: .http) ?? d.http
        data = try c.decodeIfPresent(String.self, forKey: .data) ?? d.data
        profiles = try c.decodeIfPresent(String.self, forKey: .profiles) ?? d.profiles
        assets = try c.decodeIfPresent(String.self, forKey: .assets) ?? d.assets
        publicURL = try c.decodeIfPresent(String.self, forKey: .publicURL)
        adminTokenFile = try c.decodeIfPresent(String.self, forKey: .adminTokenFile)
        tlsCert = try c.decodeIfPresent(String.self, forKey: .tlsCert)
        tlsKey = try c.decodeIfPresent(String.self, forKey: .tlsKey)
        tftp = try c.decodeIfPresent(String.self, forKey: .tftp)
        ipxeDir = try c.decodeIfPresent(String.self, forKey: .ipxeDir) ?? d.ipxeDir
        dhcp = try c.decodeIfPresent(String.self, forKey: .dhcp) ?? d.dhcp
        interface = try c.decodeIfPresent(String.self, forKey: .interface)
        dhcpRange = try c.decodeIfPresent(String.self, forKey: .dhcpRange)
        dhcpRouter = try c.decodeIfPresent([String].self, forKey: .dhcpRouter) ?? d.dhcpRouter
        dhcpDNS = try c.decodeIfPresent([String].self, forKey: .dhcpDNS) ?? d.dhcpDNS
        dhcpLease = try c.decodeIfPresent(String.self, forKey: .dhcpLease) ?? d.dhcpLease
        logLevel = try c.decodeIfPresent(String.self, forKey: .logLevel) ?? d.logLevel
        discoveryWatchTimeout = try c.decodeIfPresent(Double.self, forKey: .discoveryWatchTimeout) ?? d.discoveryWatchTimeout
        discoveryTokenTTL = try c.decodeIfPresent(Double.self, forKey: .discoveryTokenTTL) ?? d.discoveryTokenTTL
    }

    /// The HTTP address split into host and port.
    public func httpAddress() throws -> (host: String, port: Int) {
        try ListenAddress.parse(http, defaultHost: "127.0.0.1", setting: "http")
    }

    public var resolvedAdminTokenFile: String { adminTokenFile ?? (data as NSString).appendingPathComponent("admin-token") }

    /// The public URL without a trailing slash, given the port actually bound.
    public func resolvedPublicURL(boundPort: Int) throws -> String {
        if let publicURL { return publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL }
        let (host, _) = try httpAddress()
        let scheme = tlsCert == nil ? "http" : "https"
        let shownHost = host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host
        return "\(scheme)://\(shownHost.contains(":") ? "[\(shownHost)]" : shownHost):\(boundPort)"
    }
}

/// `HOST:PORT`, `:PORT`, `[v6]:PORT`.
public enum ListenAddress {
    public static func parse(_ text: String, defaultHost: String, setting: String) throws -> (host: String, port: Int) {
        guard let colon = text.lastIndex(of: ":") else {
            throw ConfigurationError("\(setting): '\(text)' is not HOST:PORT")
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw ConfigurationError("\(setting): '\(text)' has no valid port (0-65535)")
        }
        return (host.isEmpty ? defaultHost : host, port)
    }
}

/// A configuration mistake, said in one line with the setting it concerns.
public struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
