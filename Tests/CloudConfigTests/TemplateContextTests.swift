import CloudConfig
import ProvisionModel
import Testing

@Suite struct TemplateContextTests {
    let profile = Profile(id: "etcd-member", metadata: ["a": .string("profile"), "b": .string("profile"),
                                                        "c": .string("profile"), "keys": .array([.string("k")])])
    let group = Group(id: "g", profile: "etcd-member", metadata: ["b": .string("group"), "c": .string("group")])

    @Test func machineFieldsAndMetadataOverlay() throws {
        let mac = try #require(MACAddress("52:54:00:AB:CD:EF"))
        let machine = Machine(mac: mac, name: "node1", labels: ["role": "etcd"], metadata: ["c": "machine"], ip: "10.0.0.11/24")
        let context = TemplateContext.build(machine: machine, profile: profile, group: group,
                                            publicURL: "http://10.0.0.1:8080", discoveryURL: "http://10.0.0.1:8080/discovery/t")
        #expect(context["machine"] == .object([
            "name": .string("node1"), "mac": .string("52:54:00:ab:cd:ef"), "mac_hyphen": .string("52-54-00-ab-cd-ef"),
            "ip": .string("10.0.0.11/24"), "ip_address": .string("10.0.0.11"),
            "labels": .object(["role": .string("etcd")]), "metadata": .object(["c": .string("machine")]),
        ]))
        #expect(context["profile"] == .object(["id": .string("etcd-member"), "name": .string("etcd-member")]))
        #expect(context["metadata"] == .object(["a": .string("profile"), "b": .string("group"), "c": .string("machine"),
                                                "keys": .array([.string("k")])]))
        #expect(context["public_url"] == .string("http://10.0.0.1:8080"))
        #expect(context["discovery_url"] == .string("http://10.0.0.1:8080/discovery/t"))
    }

    @Test func unknownMachineStillHasEveryKey() throws {
        let mac = try #require(MACAddress("525400000001"))
        let selection = ProfileSet.Selection(profile: profile, group: nil)
        let context = TemplateContext.build(machine: nil, mac: mac, selection: selection, publicURL: "u", discoveryURL: "")
        let template = try CompiledTemplate(file: "t", text: "{{machine.name}}|{{machine.mac_hyphen}}|{{machine.ip_address}}|{{discovery_url}}")
        #expect(try template.render(context) == "|52-54-00-00-00-01||")
    }
}
