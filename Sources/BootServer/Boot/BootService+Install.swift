import Foundation
import ProvisionModel
import ProvisionStore

extension BootService {
    /// `GET /install?mac=…`: what the agent installs. The machine must be registered, booting through us
    /// (it holds an install token) and its profile must have an `install` block.
    public func installPlan(_ request: BootRequest) async throws -> InstallPlan {
        let (machine, selection) = try await select(request)
        guard let machine else { throw BootError.notFound("\(try request.requireMAC()): not registered") }
        guard let install = selection.profile.install else {
            throw BootError.notFound("profile '\(selection.profile.id)' has no install block")
        }
        let image = try images.image(install.image, publicURL: publicURL)
        let current = machine.installToken == nil ? try await markBooting(machine) : machine
        guard let token = current.installToken else { throw BootError.notFound("\(machine.mac): no install token") }
        return InstallPlan(
            imageURL: image.url, signatureURL: image.signatureURL, compression: image.compression,
            size: image.size, sha256: image.sha256, uncompressedSize: image.uncompressedSize, disk: install.disk, mirrorB: install.mirrorB,
            cloudConfigURL: "\(publicURL)/cloud-config?mac=\(machine.mac)",
            eventURL: "\(publicURL)/api/v1/machines/\(machine.mac)/events", token: token)
    }

    /// Records an agent's event. `token` must be this machine's install token (or the caller is the admin).
    /// download/verify/write → installing; done → installed (token retired); failed → failed(reason).
    @discardableResult
    public func recordEvent(_ mac: MACAddress, _ event: InstallEvent, token: String?, isAdmin: Bool) async throws -> Machine {
        guard let machine = try await store.machine(mac) else { throw BootError.notFound("\(mac): not registered") }
        if !isAdmin {
            guard let expected = machine.installToken, let token, InstallToken.matches(token, expected) else {
                throw BootError.forbidden("\(mac): install token missing or wrong")
            }
        }
        let updated = try await store.updateMachine(mac) { m in
            switch event.kind {
            case .download, .verify, .write: m.transition(to: .installing)
            case .done:
                m.transition(to: .installed)
                m.installToken = nil
            case .failed: m.transition(to: .failed, reason: event.reason ?? "install failed")
            }
        }
        try await store.appendEvent(MachineEvent(mac: mac, kind: event.kind.rawValue, message: event.reason,
                                                 bytes: event.bytes, rate: event.rate))
        logger.info("\(mac): \(event.kind.rawValue)\(event.reason.map { ": \($0)" } ?? "") → \(updated.state)")
        return updated
    }
}
