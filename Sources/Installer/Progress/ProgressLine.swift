import DiskLayout
import Foundation

/// Formats transfer progress: a bar for terminals, a plain line for logs. Pure (no I/O, no clock).
public struct ProgressLine: Sendable, Equatable {
    public var bytes: Int64
    public var total: Int64?
    public var elapsed: Double

    public init(bytes: Int64, total: Int64?, elapsed: Double) {
        self.bytes = bytes
        self.total = total
        self.elapsed = elapsed
    }

    /// Bytes per second so far.
    public var rate: Double { elapsed > 0 ? Double(bytes) / elapsed : 0 }

    /// Seconds left at the current rate, when the total is known.
    public var eta: Double? {
        guard let total, rate > 0, total >= bytes else { return nil }
        return Double(total - bytes) / rate
    }

    /// `download  41%  120.0 MiB of 292.1 MiB  55.2 MiB/s  ETA 0:03`
    public var plain: String {
        var text = "download"
        if let total, total > 0 { text += String(format: " %3d%%", Int(Double(bytes) * 100 / Double(total))) }
        text += "  \(ByteCount.short(bytes))"
        if let total { text += " of \(ByteCount.short(total))" }
        text += "  \(ByteCount.short(Int64(rate)))/s"
        if let eta { text += "  ETA \(ProgressLine.clock(eta))" }
        return text
    }

    /// `[#########...........]  41%  120.0 MiB of 292.1 MiB  55.2 MiB/s  ETA 0:03` fitted to `width` columns.
    public func bar(width: Int) -> String {
        let tail = String(plain.dropFirst("download".count))
        let barWidth = max(10, width - tail.count - 2)
        let fraction = total.map { $0 > 0 ? min(1, Double(bytes) / Double($0)) : 0 } ?? 0
        let filled = Int(Double(barWidth) * fraction)
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: barWidth - filled) + "]" + tail
    }

    static func clock(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return whole >= 3600
            ? String(format: "%d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60)
            : String(format: "%d:%02d", whole / 60, whole % 60)
    }
}
