/// The loaded profiles and groups: an immutable snapshot, swapped whole on reload.
public struct ProfileSet: Sendable, Equatable {
    public var profiles: [String: Profile]
    /// Sorted by specificity (most selector keys first), then id: the order selection tries them in.
    public private(set) var groups: [Group]

    public init(profiles: [String: Profile] = [:], groups: [Group] = []) {
        self.profiles = profiles
        self.groups = groups.sorted { a, b in
            a.selector.count != b.selector.count ? a.selector.count > b.selector.count : a.id < b.id
        }
    }

    /// The outcome of selection: the profile and, when a group chose it, that group.
    public struct Selection: Sendable, Equatable {
        public var profile: Profile
        public var group: Group?

        public init(profile: Profile, group: Group? = nil) {
            self.profile = profile
            self.group = group
        }
    }

    /// A machine's own `profile` always wins; otherwise the most specific matching group
    /// (ties broken by group id), the default group (no selector) last. Cost grows with groups, not machines.
    public func select(machine: Machine?, attributes: [String: String]) -> Selection? {
        if let id = machine?.profile {
            return profiles[id].map { Selection(profile: $0, group: nil) }
        }
        var attrs = attributes
        if let machine {
            for (k, v) in machine.labels where attrs[k] == nil { attrs[k] = v }
            attrs["mac"] = machine.mac.description
        }
        for group in groups where group.matches(attrs) {
            if let profile = profiles[group.profile] { return Selection(profile: profile, group: group) }
        }
        return nil
    }
}
