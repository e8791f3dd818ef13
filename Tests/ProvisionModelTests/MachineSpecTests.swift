import ProvisionModel
import Testing

@Suite struct MachineSpecTests {
    @Test(arguments: ["10.0.0.11/24", "192.168.1.1/32", "fd00::1/64", ""])
    func validAddresses(ip: String) {
        #expect(MachineSpec(mac: "525400000001", ip: ip).problems(requireMAC: true).isEmpty)
    }

    @Test(arguments: ["10.0.0.11", "10.0.0.256/24", "10.0.0.1/33", "host/24", "10.0.0/24"])
    func invalidAddresses(ip: String) {
        #expect(MachineSpec(mac: "525400000001", ip: ip).problems(requireMAC: true) == ["invalid ip '\(ip)' (use CIDR form, e.g. 10.0.0.11/24)"])
    }

    @Test func transitionsStampTimeAndKeepReasonOnlyForFailed() {
        var m = Machine(mac: MACAddress("525400000001")!)
        m.transition(to: .failed, reason: "disk too small")
        #expect(m.state == .failed && m.stateReason == "disk too small")
        m.transition(to: .booting, reason: "ignored")
        #expect(m.stateReason == nil)
    }
}
