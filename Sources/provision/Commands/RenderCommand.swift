import ArgumentParser
import Foundation

struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Preview what a machine gets (ipxe, cloud-config, metadata, install), without changing its state.")

    enum What: String, ExpressibleByArgument, CaseIterable { case ipxe, cloudConfig = "cloud-config", metadata, install }

    @Argument var mac: String
    @Option(help: "ipxe, cloud-config, metadata or install.") var what: What = .ipxe
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let address = try MACArgument.parse(mac)
        let data = try await AdminClient(client).request(.GET, "/api/v1/render/\(address)?what=\(what.rawValue)")
        let text = String(decoding: data, as: UTF8.self)
        if client.json, what == .ipxe || what == .cloudConfig {
            try Output.print(["mac": address.description, "what": what.rawValue, "text": text], json: true) { _ in "" }
        } else {
            Output.write(text)
        }
    }
}
