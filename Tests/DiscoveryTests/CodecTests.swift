import Testing
@testable import Discovery

/// The pure pieces: form decoding, Go-style JSON strings, paths, member values.
@Suite struct CodecTests {
    @Test(arguments: [
        ("value=m1%3Dhttp%3A%2F%2F127.0.0.1%3A23801", ["value": "m1=http://127.0.0.1:23801"]),
        ("a=1&b=two+words&a=3", ["a": "3", "b": "two words"]),
        ("flag&x=%zz%4", ["flag": "", "x": "%zz%4"]),
        ("", [:]),
    ])
    func formBodiesDecodeLikeGo(text: String, fields: [String: String]) {
        #expect(FormEncoding.decode(text) == fields)
    }

    @Test func stringsAreQuotedLikeGo() {
        #expect(GoJSON.quoted("plain") == #""plain""#)
        #expect(GoJSON.quoted("<a&b>") == #""\u003ca\u0026b\u003e""#)
        #expect(GoJSON.quoted("\"\\\n\r\t\u{7}\u{2028}é") == #""\"\\\n\r\t\u0007\u2028é""#)
    }

    @Test(arguments: [
        ("/new", KeyPath.newToken),
        ("/t", .directory(token: "t")),
        ("/t/", .directory(token: "t")),
        ("//t//_config", .config(token: "t")),
        ("/t/_config/size", .size(token: "t")),
        ("/t/a32b98a3b8f072aa", .key(token: "t", name: "a32b98a3b8f072aa")),
        ("/t/a/b", .other(token: "t", path: "/t/a/b")),
        ("/t/..", .other(token: "t", path: "/t/..")),
        ("/", .root),
    ])
    func pathsNameWhatTheyShould(path: String, expected: KeyPath) {
        #expect(KeyPath(path) == expected)
    }

    @Test func memberValuesGiveNameAndPeerURLs() {
        let one = MemberRegistration(value: "m1=http://a:2380")
        #expect(one.name == "m1" && one.peerURLs == ["http://a:2380"])
        #expect(MemberRegistration(value: "m1=http://a:2380,m1=https://b:2380").peerURLs == ["http://a:2380", "https://b:2380"])
        let text = MemberRegistration(value: "just-text")
        #expect(text.name == "just-text" && text.peerURLs.isEmpty)
    }
}
