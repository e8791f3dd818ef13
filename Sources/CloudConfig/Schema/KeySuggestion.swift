/// "Did you mean …?" for unknown keys: the closest known key by edit distance, if close enough.
enum KeySuggestion {
    static func closest(to key: String, among candidates: some Sequence<String>) -> String? {
        let wanted = normalised(key)
        var best: (key: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(wanted, normalised(candidate))
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best else { return nil }
        let limit = max(2, wanted.count / 3)
        return best.distance <= limit ? best.key : nil
    }

    /// Case and `_`/`-` differences count as nothing: `reboot_strategy` is one step from nothing.
    private static func normalised(_ key: String) -> [Character] {
        key.lowercased().map { $0 == "_" ? "-" : $0 }
    }

    /// Levenshtein distance.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
