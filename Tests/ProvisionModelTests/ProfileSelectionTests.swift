import ProvisionModel
import Testing

@Suite struct ProfileSelectionTests {
    let profiles = ["a": Profile(id: "a"), "b": Profile(id: "b"), "c": Profile(id: "c"), "d": Profile(id: "d")]
    let mac = MACAddress("52:54:00:00:00:01")!

    func set(_ groups: [Group]) -> ProfileSet { ProfileSet(profiles: profiles, groups: groups) }

    @Test func machineRecordWinsOverEveryGroup() {
        let s = set([Group(id: "g", profile: "b", selector: ["mac": mac.description])])
        let machine = Machine(mac: mac, profile: "a")
        #expect(s.select(machine: machine, attributes: [:])?.profile.id == "a")
    }

    @Test func mostSpecificGroupWinsAndDefaultIsLast() {
        let s = set([
            Group(id: "default", profile: "a"),
            Group(id: "role", profile: "b", selector: ["role": "worker"]),
            Group(id: "role-and-arch", profile: "c", selector: ["role": "worker", "arch": "x86_64"]),
        ])
        let machine = Machine(mac: mac, labels: ["role": "worker"])
        #expect(s.select(machine: machine, attributes: ["arch": "x86_64"])?.profile.id == "c")
        #expect(s.select(machine: machine, attributes: ["arch": "arm64"])?.profile.id == "b")
        #expect(s.select(machine: nil, attributes: ["mac": mac.description])?.profile.id == "a")
    }

    @Test func tiesBreakByGroupIdWhateverTheFileOrder() {
        let groups = [Group(id: "zeta", profile: "b", selector: ["role": "w"]), Group(id: "alpha", profile: "c", selector: ["rack": "r1"])]
        let machine = Machine(mac: mac, labels: ["role": "w", "rack": "r1"])
        #expect(set(groups).select(machine: machine, attributes: [:])?.profile.id == "c")
        #expect(set(groups.reversed()).select(machine: machine, attributes: [:])?.profile.id == "c")
    }

    @Test func macSelectorMatchesAnySpelling() {
        let s = set([Group(id: "one", profile: "d", selector: ["mac": "52-54-00-00-00-01"])])
        #expect(s.select(machine: nil, attributes: ["mac": "52:54:00:00:00:01"])?.profile.id == "d")
    }

    @Test func noMatchAndNoDefaultSelectsNothing() {
        let s = set([Group(id: "role", profile: "b", selector: ["role": "worker"])])
        #expect(s.select(machine: Machine(mac: mac), attributes: [:]) == nil)
    }

    @Test func machineNamingAMissingProfileSelectsNothing() {
        #expect(set([Group(id: "default", profile: "a")]).select(machine: Machine(mac: mac, profile: "gone"), attributes: [:]) == nil)
    }
}
