import Hummingbird
import ProvisionModel

/// The open endpoints machines use while booting. Rendering is keyed by the requesting MAC/selectors only.
struct BootRoutes {
    let boot: BootService
    let assets: AssetResponder
    /// Debian's iPXE binaries, for UEFI HTTP boot clients (DHCP points them at `/firmware/ipxe.efi`).
    let firmware: AssetResponder

    func register(on router: Router<BasicRequestContext>) {
        router.get("/boot.ipxe") { _, _ in
            Reply.text(IPXEScript.chain(publicURL: boot.publicURL))
        }
        router.get("/ipxe") { request, _ in
            Reply.text(try await boot.ipxeScript(try BootRequest(query: request.query)))
        }
        router.get("/cloud-config") { request, _ in
            Reply.text(try await boot.cloudConfig(try BootRequest(query: request.query)), contentType: "text/cloud-config; charset=utf-8")
        }
        router.get("/metadata") { request, _ in
            try Reply.json(try await boot.metadata(try BootRequest(query: request.query)))
        }
        router.get("/install") { request, _ in
            try Reply.json(try await boot.installPlan(try BootRequest(query: request.query)))
        }
        for method in [HTTPRequest.Method.get, .head] {
            for (prefix, files) in [("/assets/**", assets), ("/firmware/**", firmware)] {
                router.on(RouterPath(prefix), method: method) { request, context in
                    try await files.respond(to: request, segments: context.parameters.getCatchAll(), context: context)
                }
            }
        }
        router.get("/healthz") { _, _ in Reply.text("ok\n") }
    }
}

extension String {
    /// Percent-decoding without Foundation's leniency: a malformed escape is nil.
    var removingPercentEncoding: String? {
        var bytes: [UInt8] = []
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard let h = iterator.next(), let l = iterator.next(),
                  let value = UInt8(String(decoding: [h, l], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(value)
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
