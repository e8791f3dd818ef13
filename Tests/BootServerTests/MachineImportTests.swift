@testable import BootServer
import ProvisionModel
import Testing

@Suite struct MachineImportTests {
    @Test func csvWithQuotesAndPairs() {
        let text = #"""
            mac,name,labels,metadata
            52:54:00:00:00:01,"node, one","role=w;rack=r1","note=""quoted"""
            """#
        let (rows, problems) = MachineImport.parse(text, format: "csv")
        #expect(problems.isEmpty)
        #expect(rows.first?.spec == MachineSpec(mac: "52:54:00:00:00:01", name: "node, one", labels: ["role": "w", "rack": "r1"],
                                                metadata: ["note": "\"quoted\""]))
        #expect(rows.first?.line == 2)
    }

    @Test func unknownColumnStopsWithTheHeaderLine() {
        let (rows, problems) = MachineImport.parse("# rack 7\nmac,hostnme\n52:54:00:00:00:01,x\n", format: nil)
        #expect(rows.isEmpty)
        #expect(problems == [.init(line: 2, message: "unknown column 'hostnme' (columns: mac,name,profile,ip,labels,metadata)")])
    }

    @Test func badPairsAndExtraFieldsAreReportedByLine() {
        let (rows, problems) = MachineImport.parse("mac,labels\n52:54:00:00:00:01,role\n52:54:00:00:00:02,a=b,extra\n52:54:00:00:00:03,\n", format: "csv")
        #expect(rows.map(\.line) == [4])
        #expect(problems.map(\.line) == [2, 3])
    }

    @Test func yamlListRowsCarryTheirLines() {
        let (rows, problems) = MachineImport.parse("- mac: 52:54:00:00:00:01\n  labels: {a: b}\n- name: [broken\n", format: "yaml")
        #expect(rows.isEmpty)
        #expect(problems.count == 1)
    }
}
