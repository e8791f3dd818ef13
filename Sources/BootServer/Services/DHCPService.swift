import DHCP
import Foundation
import Logging
import NIOCore
import ProvisionStore
import ServiceLifecycle

/// The DHCP server (`--dhcp proxy|server`) as a service of `provision serve`.
struct DHCPService: Service {
    let server: DHCPServer
    /// Server mode only: we own the segment's boot infrastructure, so we also tell iPXE there is no IPv6 router
    /// (it would otherwise wait ~13 s for one). In proxy mode the network's own router answers.
    let routerSolicitations: RouterSolicitationResponder?

    /// The interface DHCP serves, with its IPv4 address and netmask.
    struct Interface: Sendable {
        var name: String
        var address: IPv4Address
        var mask: IPv4Address
    }

    /// Validates the mode and finds the interface, once at start. Nil when DHCP is off.
    static func interface(_ config: ServerConfiguration) throws -> Interface? {
        guard config.dhcp != "off" else { return nil }
        guard ["proxy", "server"].contains(config.dhcp) else {
            throw ConfigurationError("dhcp: unknown mode '\(config.dhcp)' (off, proxy or server)")
        }
        guard let name = config.interface else { throw ConfigurationError("dhcp: \(config.dhcp) mode needs --interface") }
        let devices = (try? System.enumerateDevices()) ?? []
        for device in devices where device.name == name {
            if case .v4(let address)? = device.address, case .v4(let mask)? = device.netmask {
                return Interface(name: name, address: IPv4Address(value: UInt32(bigEndian: address.address.sin_addr.s_addr)),
                                 mask: IPv4Address(value: UInt32(bigEndian: mask.address.sin_addr.s_addr)))
            }
        }
        throw ConfigurationError("dhcp: interface '\(name)' has no IPv4 address (or does not exist)")
    }

    /// With DHCP on and no public URL, machines must be sent to an address they can reach: the interface's,
    /// not 127.0.0.1. Returns the configuration with that URL filled in.
    static func pointingMachines(at interface: Interface?, _ config: ServerConfiguration, logger: Logger) throws -> ServerConfiguration {
        guard config.publicURL == nil, let interface else { return config }
        let (host, port) = try config.httpAddress()
        guard port != 0 else { throw ConfigurationError("dhcp: give --public-url when the HTTP port is 0") }
        if host == "127.0.0.1" || host == "localhost" || host == "::1" {
            logger.warning("HTTP listens on \(host) only: network-booting machines cannot reach it (use --http 0.0.0.0:\(port))")
        }
        var pointed = config
        pointed.publicURL = "\(config.tlsCert == nil ? "http" : "https")://\(interface.address):\(port)"
        return pointed
    }

    /// Nil when off. Binds here, so "port in use" or "not root" is a start-up error.
    static func start(on interface: Interface?, _ config: ServerConfiguration, store: SQLiteStore, boot: BootService,
                      publicURL: String, logger: Logger) async throws -> DHCPService? {
        guard let interface else { return nil }
        let (name, address) = (interface.name, interface.address)
        let files = BootOffer.Files(uefiHTTP: publicURL + "/firmware/ipxe.efi", ipxeScript: publicURL + "/boot.ipxe")
        let responder: any DHCPResponding
        let ports: [Int]
        if config.dhcp == "proxy" {
            responder = ProxyResponder(server: address, files: files)
            ports = [67, 4011]
        } else {
            responder = try await ServerModeResponder.load(
                settings: try settings(config, server: address, mask: interface.mask, files: files),
                machines: store, leaseStore: store, logger: logger)
            ports = [67]
        }
        do {
            let server = try await DHCPServer.bind(responder: responder, ports: ports, interface: name, logger: logger) { mac, client in
                logger.info("dhcp: \(client) network boot from \(mac)")
                await boot.networkBootStarted(mac)
            }
            logger.notice("DHCP \(config.dhcp) on \(name) (\(address)), ports \(ports.map(String.init).joined(separator: ", ")); iPXE gets \(files.ipxeScript)")
            return DHCPService(server: server, routerSolicitations: config.dhcp == "server" ? answerRouterSolicitations(name, logger) : nil)
        } catch {
            throw ConfigurationError("dhcp: cannot listen on \(name) ports \(ports): \(error)")
        }
    }

    private static func answerRouterSolicitations(_ interface: String, _ logger: Logger) -> RouterSolicitationResponder? {
        do { return try RouterSolicitationResponder.start(interface: interface, logger: logger) } catch {
            logger.warning("\(error); iPXE may wait for IPv6 before booting")
            return nil
        }
    }

    static func settings(_ config: ServerConfiguration, server: IPv4Address, mask: IPv4Address,
                         files: BootOffer.Files) throws -> DHCPServerSettings {
        do {
            guard let rangeText = config.dhcpRange else {
                throw DHCPConfigurationError("server mode needs --range FIRST-LAST (the addresses to hand out)")
            }
            return try DHCPServerSettings(
                server: server, subnetMask: mask, range: try AddressRange(parsing: rangeText),
                routers: try addresses(config.dhcpRouter, setting: "router"), dnsServers: try addresses(config.dhcpDNS, setting: "dns"),
                leaseTime: try DHCPServerSettings.leaseTime(parsing: config.dhcpLease), files: files)
        } catch {
            throw ConfigurationError("dhcp: \(error)")
        }
    }

    private static func addresses(_ texts: [String], setting: String) throws -> [IPv4Address] {
        try texts.map { text in
            guard let address = IPv4Address(text) else { throw DHCPConfigurationError("\(setting) '\(text)' is not an IPv4 address") }
            return address
        }
    }

    func run() async throws {
        try await withGracefulShutdownHandler {
            try await server.run()
        } onGracefulShutdown: {
            routerSolicitations?.stop()
            Task { await server.close() }
        }
    }
}
