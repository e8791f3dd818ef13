/// Which network-boot firmware sent a DHCP request, from its options. DESIGN.md: the NIC ROM's round carries
/// option 60 `PXEClient` (or `HTTPClient`) and option 93; iPXE's own round carries user class `iPXE` and option 175.
public enum BootClient: Equatable, Sendable, CustomStringConvertible {
    /// A legacy BIOS PXE ROM (architecture 0).
    case biosPXE
    /// A UEFI PXE ROM (architecture 6, 7 or 9).
    case uefiPXE(architecture: UInt16)
    /// UEFI HTTP boot (architecture 16, vendor class `HTTPClient`): wants a URL, not a TFTP path.
    case uefiHTTP
    /// iPXE itself, already loaded: gets the HTTP boot script.
    case iPXE

    /// nil for clients that are not network-booting (proxy mode stays silent to them).
    public init?(_ options: DHCPOptions) {
        if options.userClasses.contains("iPXE") || options[.ipxeEncapsulated] != nil {
            self = .iPXE
            return
        }
        let vendorClass = options.text(.vendorClass) ?? ""
        let architecture = options.clientArchitecture
        if vendorClass.hasPrefix("HTTPClient") || architecture == 16 {
            self = .uefiHTTP
        } else if vendorClass.hasPrefix("PXEClient") {
            switch architecture ?? 0 {
            case 0: self = .biosPXE
            case let other: self = .uefiPXE(architecture: other)
            }
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .biosPXE: "BIOS PXE"
        case .uefiPXE(let architecture): "UEFI PXE (arch \(architecture))"
        case .uefiHTTP: "UEFI HTTP boot"
        case .iPXE: "iPXE"
        }
    }
}
