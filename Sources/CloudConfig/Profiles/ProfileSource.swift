/// A profile or group file as read from disk: its display path (`profiles/etcd.yaml`), id and text.
struct ProfileSource: Sendable {
    let path: String
    /// The file name without `.yaml`.
    let id: String
    let text: String
}

/// What reading a template file produced.
enum TemplateSource {
    case text(String)
    case missing
    case unreadable(String)
}
