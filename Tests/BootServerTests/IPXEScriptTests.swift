@testable import BootServer
import ProvisionModel
import Testing

@Suite struct IPXEScriptTests {
    @Test func bootScriptNamesInitrdsForEFIStubs() {
        let boot = Profile.Boot(kernel: "debian/12/vmlinuz", initrd: ["debian/12/initrd.gz", "https://mirror/x/extra.img"], args: ["console=ttyS0"])
        let script = IPXEScript.boot(boot, extraArgs: ["provision.mac=52:54:00:00:00:01"], publicURL: "http://10.0.0.1:8080")
        #expect(script == """
            #!ipxe
            kernel http://10.0.0.1:8080/assets/debian/12/vmlinuz initrd=initrd.gz initrd=extra.img console=ttyS0 provision.mac=52:54:00:00:00:01
            initrd http://10.0.0.1:8080/assets/debian/12/initrd.gz
            initrd https://mirror/x/extra.img
            boot

            """)
    }

    @Test func operatorTextCannotInjectIPXEExpansions() {
        #expect(IPXEScript.noProfile("no ${net0/ip}\nchain evil") == "#!ipxe\necho provision: no {net0/ip} chain evil\nsleep 5\nexit\n")
    }

    @Test(arguments: [("a%2Fb", "a/b"), ("%2e%2e", ".."), ("plain", "plain"), ("bad%zz", nil), ("trunc%2", nil), ("%ff", nil)])
    func percentDecoding(raw: String, decoded: String?) {
        #expect(raw.removingPercentEncoding == decoded)
    }
}
