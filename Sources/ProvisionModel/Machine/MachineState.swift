/// Where a machine is on its path. `discovered` is a MAC that PXE-booted without a record.
public enum MachineState: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    case discovered, registered, booting, installing, installed, failed

    public var description: String { rawValue }
}
