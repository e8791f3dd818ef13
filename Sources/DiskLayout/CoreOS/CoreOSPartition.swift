/// The CoreOS/Flatcar partitions this installer creates, by number, with their labels and type GUIDs.
/// Numbers 5, 7 and 8 stay unused, as on Flatcar (so `/dev/sda9` is always ROOT).
public enum CoreOSPartition: Int, CaseIterable, Sendable {
    case efiSystem = 1, biosBoot = 2, usrA = 3, usrB = 4, oem = 6, root = 9

    public var label: String {
        switch self {
        case .efiSystem: "EFI-SYSTEM"
        case .biosBoot: "BIOS-BOOT"
        case .usrA: "USR-A"
        case .usrB: "USR-B"
        case .oem: "OEM"
        case .root: "ROOT"
        }
    }

    public var typeGUID: GUID {
        switch self {
        case .efiSystem: PartitionType.efiSystem
        case .biosBoot: PartitionType.biosBoot
        case .usrA, .usrB: PartitionType.coreOSUsr
        case .oem: PartitionType.linuxFilesystem
        case .root: PartitionType.coreOSRoot
        }
    }

    /// gptprio on a fresh install: USR-A priority 1 and successful (boots), USR-B priority 0 (never tried).
    public var attributes: PartitionAttributes {
        switch self {
        case .usrA: PartitionAttributes(priority: 1, successful: true)
        case .usrB: PartitionAttributes(priority: 0, successful: false)
        default: PartitionAttributes()
        }
    }
}

/// Partition type GUIDs used by the CoreOS layout (see DESIGN.md).
public enum PartitionType {
    // The literals below are constants checked by the tests; a typo fails `PartitionTypeTests`, never at run time.
    public static let efiSystem = guid("C12A7328-F81F-11D2-BA4B-00A0C93EC93B")
    public static let biosBoot = guid("21686148-6449-6E6F-744E-656564454649")
    public static let coreOSUsr = guid("5DFBF5F4-2848-4BAC-AA5E-0D9A20B745A6")
    public static let linuxFilesystem = guid("0FC63DAF-8483-4772-8E79-3D69D8477DE4")
    public static let coreOSRoot = guid("3884DD41-8582-4404-B9A8-E9B84F2DF50E")

    private static func guid(_ text: String) -> GUID { GUID(text) ?? .zero }
}
