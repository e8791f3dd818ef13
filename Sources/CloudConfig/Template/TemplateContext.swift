import ProvisionModel

/// The render context the server, the CLI and tests all build the same way.
///
/// ```
/// machine:                      # always present; fields are "" / {} when unknown
///   name: node1                 # the machine record's name, "" if it has none
///   mac: 52:54:00:ab:cd:ef      # normalised, colon-separated
///   mac_hyphen: 52-54-00-ab-cd-ef
///   ip: 10.0.0.11/24            # as registered (CIDR), "" if none
///   ip_address: 10.0.0.11       # without the prefix length
///   labels: {role: master}
///   metadata: {…}               # the machine record's own metadata
/// profile: {id: etcd-member, name: …}   # name falls back to id
/// metadata: {…}                 # profile metadata, overlaid by group metadata, then machine metadata
/// public_url: http://10.0.0.1:8080
/// discovery_url: ""             # may be empty
/// ```
public enum TemplateContext {
    /// - Parameters:
    ///   - machine: The registered machine, if any.
    ///   - mac: The requesting MAC when no machine is registered (ignored when `machine` is given).
    public static func build(machine: Machine?, mac: MACAddress? = nil, profile: Profile, group: Group?,
                             publicURL: String, discoveryURL: String) -> [String: Value] {
        var metadata = profile.metadata
        metadata.merge(group?.metadata ?? [:]) { _, groupValue in groupValue }
        metadata.merge((machine?.metadata ?? [:]).mapValues(Value.string)) { _, machineValue in machineValue }
        return [
            "machine": .object(machineFields(machine, mac: mac)),
            "profile": .object(["id": .string(profile.id), "name": .string(profile.name ?? profile.id)]),
            "metadata": .object(metadata),
            "public_url": .string(publicURL),
            "discovery_url": .string(discoveryURL),
        ]
    }

    /// The same, from what `ProfileSet.select` chose.
    public static func build(machine: Machine?, mac: MACAddress? = nil, selection: ProfileSet.Selection,
                             publicURL: String, discoveryURL: String) -> [String: Value] {
        build(machine: machine, mac: mac, profile: selection.profile, group: selection.group,
              publicURL: publicURL, discoveryURL: discoveryURL)
    }

    private static func machineFields(_ machine: Machine?, mac: MACAddress?) -> [String: Value] {
        let address = machine?.mac ?? mac
        let ip = machine?.ip ?? ""
        let ipAddress = ip.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        return [
            "name": .string(machine?.name ?? ""),
            "mac": .string(address?.description ?? ""),
            "mac_hyphen": .string(address?.hyphenated ?? ""),
            "ip": .string(ip),
            "ip_address": .string(ipAddress),
            "labels": .object((machine?.labels ?? [:]).mapValues(Value.string)),
            "metadata": .object((machine?.metadata ?? [:]).mapValues(Value.string)),
        ]
    }
}
