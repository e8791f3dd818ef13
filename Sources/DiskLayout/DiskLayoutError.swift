import Foundation

/// Why a layout could not be made or written.
public enum DiskLayoutError: Error, CustomStringConvertible, Equatable {
    case diskTooSmall(required: Int64, available: Int64)
    case badSectorSize(Int)
    case badPartition(Int, String)
    case io(path: String, detail: String)

    public var description: String {
        switch self {
        case .diskTooSmall(let required, let available):
            "disk too small: the layout needs \(ByteCount.text(required)) but the disk has \(ByteCount.text(available))"
        case .badSectorSize(let size):
            "unsupported sector size \(size) (need a power of two ≥ 512)"
        case .badPartition(let number, let detail):
            "partition \(number): \(detail)"
        case .io(let path, let detail):
            "\(path): \(detail)"
        }
    }
}

/// Human-readable byte counts: `text` for messages (`512 MiB (536870912 bytes)`), `short` for progress (`512.0 MiB`).
public enum ByteCount {
    public static func short(_ bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes), unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
    }

    public static func text(_ bytes: Int64) -> String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes), unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        if unit == 0 { return "\(bytes) bytes" }
        let rounded = (value * 10).rounded() / 10
        let number = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        return "\(number) \(units[unit]) (\(bytes) bytes)"
    }
}
