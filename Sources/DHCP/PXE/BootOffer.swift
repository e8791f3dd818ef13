/// What a network-boot client is told to load, and from where: the `file` field, `siaddr` (next-server) and
/// the vendor class to answer with (UEFI HTTP boot only accepts replies that say `HTTPClient`).
public struct BootOffer: Equatable, Sendable {
    public var bootFile: String
    public var nextServer: IPv4Address
    public var vendorClass: String

    /// Where the answers point: TFTP names of Debian's iPXE binaries, and HTTP URLs.
    public struct Files: Equatable, Sendable {
        public var biosTFTP = "undionly.kpxe"
        public var uefiTFTP = "ipxe.efi"
        /// UEFI HTTP boot's URL of `ipxe.efi` on this server.
        public var uefiHTTP: String
        /// iPXE's entry script, `<public URL>/boot.ipxe`.
        public var ipxeScript: String

        public init(uefiHTTP: String, ipxeScript: String) {
            self.uefiHTTP = uefiHTTP
            self.ipxeScript = ipxeScript
        }
    }

    /// BIOS ROM → TFTP `undionly.kpxe`; UEFI ROM → TFTP `ipxe.efi`; UEFI HTTP → the URL of `ipxe.efi`;
    /// iPXE → `boot.ipxe` over HTTP. `server` is the TFTP next-server for the TFTP cases.
    public static func choose(for client: BootClient, server: IPv4Address, files: Files) -> BootOffer {
        switch client {
        case .biosPXE: BootOffer(bootFile: files.biosTFTP, nextServer: server, vendorClass: "PXEClient")
        case .uefiPXE: BootOffer(bootFile: files.uefiTFTP, nextServer: server, vendorClass: "PXEClient")
        case .uefiHTTP: BootOffer(bootFile: files.uefiHTTP, nextServer: .zero, vendorClass: "HTTPClient")
        case .iPXE: BootOffer(bootFile: files.ipxeScript, nextServer: server, vendorClass: "PXEClient")
        }
    }

    /// Writes the boot answer into a reply (OFFER/ACK of either mode): `file`, `siaddr`, the vendor class, PXE
    /// discovery control, and the client's machine id echoed back (UEFI ROMs check it).
    public func apply(to reply: inout DHCPMessage, request: DHCPMessage) {
        reply.serverAddress = nextServer
        reply.bootFile = bootFile
        reply.options[.vendorClass] = Array(vendorClass.utf8)
        // PXE discovery control 6 = 8: "the boot file is in this reply; skip boot server discovery".
        reply.options[.vendorSpecific] = [6, 1, 8, 255]
        reply.options[.clientMachineID] = request.options[.clientMachineID]
    }
}
