/// A single-range `Range:` header (RFC 9110 §14.1.2) resolved against a file size.
public enum ByteRange: Equatable, Sendable {
    /// No usable Range header: serve the whole file.
    case whole
    /// Serve `lower...upper` (inclusive).
    case partial(ClosedRange<Int64>)
    /// 416, with `Content-Range: bytes */size`.
    case unsatisfiable

    /// Parses `bytes=first-last`, `bytes=first-` and `bytes=-suffix`. Multi-range and other units are served
    /// whole (allowed by the RFC); a syntactically valid range outside the file is unsatisfiable.
    public static func parse(_ header: String?, size: Int64) -> ByteRange {
        guard let header, header.hasPrefix("bytes=") else { return .whole }
        let spec = header.dropFirst("bytes=".count).trimmingCharacters(in: " ")
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return .whole }
        let first = spec[..<dash], last = spec[spec.index(after: dash)...]
        if first.isEmpty {
            guard let suffix = Int64(last), suffix > 0 else { return .unsatisfiable }
            guard size > 0 else { return .unsatisfiable }
            return .partial(max(0, size - suffix)...(size - 1))
        }
        guard let lower = Int64(first), lower >= 0 else { return .unsatisfiable }
        guard lower < size else { return .unsatisfiable }
        if last.isEmpty { return .partial(lower...(size - 1)) }
        guard let upper = Int64(last), upper >= lower else { return .unsatisfiable }
        return .partial(lower...min(upper, size - 1))
    }
}

extension Substring {
    func trimmingCharacters(in character: Character) -> Substring {
        var s = self
        while s.first == character { s.removeFirst() }
        while s.last == character { s.removeLast() }
        return s
    }
}
