/// A DHCP option tag (RFC 2132 and the PXE/iPXE ones we read or write).
public struct DHCPOptionCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let pad = Self(rawValue: 0)
    public static let subnetMask = Self(rawValue: 1)
    public static let router = Self(rawValue: 3)
    public static let domainNameServer = Self(rawValue: 6)
    public static let hostName = Self(rawValue: 12)
    public static let domainName = Self(rawValue: 15)
    /// PXE: encapsulated vendor options (PXE discovery control and the like).
    public static let vendorSpecific = Self(rawValue: 43)
    public static let requestedAddress = Self(rawValue: 50)
    public static let leaseTime = Self(rawValue: 51)
    /// Which of `file`/`sname` carry options too (RFC 2132 §9.3).
    public static let overload = Self(rawValue: 52)
    public static let messageType = Self(rawValue: 53)
    public static let serverIdentifier = Self(rawValue: 54)
    public static let parameterRequestList = Self(rawValue: 55)
    public static let message = Self(rawValue: 56)
    public static let maximumMessageSize = Self(rawValue: 57)
    public static let renewalTime = Self(rawValue: 58)
    public static let rebindingTime = Self(rawValue: 59)
    /// `PXEClient:Arch:00000:UNDI:002001`, `HTTPClient:…`.
    public static let vendorClass = Self(rawValue: 60)
    public static let clientIdentifier = Self(rawValue: 61)
    public static let tftpServerName = Self(rawValue: 66)
    public static let bootfileName = Self(rawValue: 67)
    /// RFC 3004; iPXE sends `iPXE`.
    public static let userClass = Self(rawValue: 77)
    /// RFC 4578 client system architecture: 0 BIOS, 6 IA32 EFI, 7/9 x86-64 EFI, 16 x86-64 UEFI HTTP.
    public static let clientArchitecture = Self(rawValue: 93)
    public static let clientNetworkInterface = Self(rawValue: 94)
    /// RFC 4578 client machine identifier: type 0 + 16-byte UUID.
    public static let clientMachineID = Self(rawValue: 97)
    /// iPXE's encapsulated options; its presence means the client is iPXE.
    public static let ipxeEncapsulated = Self(rawValue: 175)
    public static let end = Self(rawValue: 255)

    public var description: String { String(rawValue) }
}

/// Option 53.
public enum DHCPMessageType: UInt8, Sendable, CustomStringConvertible {
    case discover = 1, offer, request, decline, ack, nak, release, inform

    public var description: String {
        switch self {
        case .discover: "DISCOVER"
        case .offer: "OFFER"
        case .request: "REQUEST"
        case .decline: "DECLINE"
        case .ack: "ACK"
        case .nak: "NAK"
        case .release: "RELEASE"
        case .inform: "INFORM"
        }
    }
}
