@testable import CloudConfig
import Testing

@Suite struct ScalarKindTests {
    @Test(arguments: [
        ("", ScalarKind.null), ("~", .null), ("null", .null), ("NULL", .null),
        ("true", .bool(true)), ("on", .bool(true)), ("Yes", .bool(true)), ("off", .bool(false)), ("NO", .bool(false)),
        ("0", .int(0)), ("42", .int(42)), ("-7", .int(-7)), ("1_000", .int(1000)), ("0644", .int(420)), ("0o17", .int(15)),
        ("0x1F", .int(31)), ("0b101", .int(5)), ("1.5", .float(1.5)), ("-2e3", .float(-2000)), (".5", .float(0.5)),
        (".inf", .float(.infinity)), ("0999", .float(999)), ("1e", .string), ("1_0.5", .float(10.5)), ("1.2.3", .string), ("etcd-lock", .string), ("10.0.0.1", .string),
        ("http://$private_ipv4:2379", .string), ("y", .string), ("_1", .string),
    ])
    func plainScalarsAreTypedLikeYAML11(_ text: String, _ expected: ScalarKind) {
        #expect(ScalarKind.classify(plain: text) == expected)
    }
}
