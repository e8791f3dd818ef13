import CloudConfig
import Foundation
import ProvisionModel
import Testing

/// The `profiles/` directory shipped at the package root must load and render valid cloud-configs.
@Suite struct SampleProfilesTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("profiles").path

    static let machine = Machine(mac: MACAddress("52:54:00:12:34:56")!, name: "node1", labels: ["role": "etcd"],
                                 metadata: ["owner": "ops & infra"], ip: "10.0.0.11/24")

    @Test func shippedProfilesLoad() throws {
        let loaded = try ProfileLoader.load(directory: Self.directory)
        #expect(Set(loaded.set.profiles.keys) == ["etcd-member", "worker", "install"])
        #expect(loaded.set.profiles["install"]?.install == Profile.Install(image: "flatcar/stable", disk: "auto", mirrorB: true))
        #expect(loaded.set.profiles["install"]?.boot?.args.contains("console=ttyS0,115200n8") == true)
        #expect(loaded.set.groups.last?.id == "default")
        #expect(loaded.set.groups.last?.selector == [:])
    }

    @Test(arguments: ["etcd-member", "worker", "install"], [true, false])
    func everyShippedTemplateRendersAValidCloudConfig(_ profileID: String, registered: Bool) throws {
        let loaded = try ProfileLoader.load(directory: Self.directory)
        let profile = try #require(loaded.set.profiles[profileID])
        let context = TemplateContext.build(
            machine: registered ? Self.machine : nil, mac: MACAddress("52:54:00:00:00:99"), profile: profile, group: nil,
            publicURL: "http://10.0.0.1:8080",
            discoveryURL: registered ? "http://10.0.0.1:8080/discovery/0123456789abcdef" : "")
        let text = try #require(try loaded.cloudConfig(for: profile, context: context))
        #expect(text.hasPrefix("#cloud-config\n"))
        #expect(CloudConfigValidator.validate(text, file: profileID) == [])
    }

    @Test func etcdMemberRendersDiscoveryHostnameAndKeys() throws {
        let loaded = try ProfileLoader.load(directory: Self.directory)
        let selection = try #require(loaded.set.select(machine: nil, attributes: ["role": "etcd"]))
        #expect(selection.profile.id == "etcd-member")
        let context = TemplateContext.build(machine: Self.machine, selection: selection, publicURL: "http://p",
                                            discoveryURL: "http://p/discovery/tok")
        let text = try #require(try loaded.cloudConfig(for: selection.profile, context: context))
        #expect(text.contains("hostname: node1\n"))
        #expect(text.contains("    discovery: http://p/discovery/tok\n"))
        #expect(text.contains("  - ssh-ed25519 "))
        #expect(text.contains("advertise-client-urls: http://$private_ipv4:2379"))
    }

    @Test func workerGroupMetadataOverridesProfileMetadata() throws {
        let loaded = try ProfileLoader.load(directory: Self.directory)
        let selection = try #require(loaded.set.select(machine: nil, attributes: ["role": "worker"]))
        #expect(selection.profile.id == "worker")
        let context = TemplateContext.build(machine: Self.machine, selection: selection, publicURL: "http://p", discoveryURL: "")
        let text = try #require(try loaded.cloudConfig(for: selection.profile, context: context))
        #expect(text.contains("metadata: role=worker,pool=default\n"))
        #expect(text.contains("    proxy: on\n"))
    }
}
