/// What an etcd member writes under its id: its name and peer URLs in `--initial-cluster` form
/// (`m1=http://10.0.0.1:2380` or `m1=http://a:2380,m1=http://b:2380`).
struct MemberRegistration: Sendable, Equatable {
    var name: String
    var peerURLs: [String]

    /// Parses a registration value; a value in another shape yields the whole text as the name and no URLs.
    init(value: String) {
        var name: String?
        var urls: [String] = []
        for entry in value.split(separator: ",") {
            let parts = entry.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            name = name ?? String(parts[0])
            urls.append(String(parts[1]))
        }
        self.name = name ?? value
        peerURLs = urls
    }
}
