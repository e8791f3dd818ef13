import CloudConfig
import Foundation
import Logging
import ProvisionModel
import ProvisionStore

/// The transport-free core of the boot endpoints: which script, cloud-config, metadata or install plan
/// a machine gets, and what its events do to its state. Routes only translate HTTP to these calls.
public final class BootService: Sendable {
    public let store: any Store
    public let catalog: ProfileCatalog
    let publicURLBox: PublicURL
    public var publicURL: String { publicURLBox.url }
    let images: ImageCatalog
    let rendered = RenderCache()
    let renders = CounterFamily<RenderCount>(label: "provision_renders_total") { [("kind", $0.kind), ("result", $0.result)] }
    let logger: Logger
    /// Gets or creates the discovery URL of a profile's etcd cluster; "" until discovery is wired in.
    let discoveryURL: @Sendable (Profile.Discovery) async throws -> String

    public init(store: any Store, catalog: ProfileCatalog, publicURL: PublicURL, assetsDirectory: String, logger: Logger,
                discoveryURL: @escaping @Sendable (Profile.Discovery) async throws -> String = { _ in "" }) {
        self.store = store
        self.catalog = catalog
        self.publicURLBox = publicURL
        self.images = ImageCatalog(assets: assetsDirectory)
        self.logger = logger
        self.discoveryURL = discoveryURL
    }

    // MARK: - iPXE

    /// The script for `/ipxe`: local disk once installed, the selected profile's kernel otherwise.
    /// A registered machine moves to `booting` (with a fresh install token); an unknown MAC is recorded as `discovered`.
    public func ipxeScript(_ request: BootRequest) async throws -> String {
        try await ipxeScript(request, preview: false)
    }

    /// What `/ipxe` would answer, without recording anything (the admin's render preview).
    public func previewIPXE(_ request: BootRequest) async throws -> String {
        try await ipxeScript(request, preview: true)
    }

    func ipxeScript(_ request: BootRequest, preview: Bool) async throws -> String {
        var machine = try await request.mac.asyncMap { try await store.machine($0) } ?? nil
        if let m = machine, m.state == .installed {
            return IPXEScript.localDisk(reason: "\(m.mac) is installed; booting from local disk")
        }
        if !preview, machine == nil, let mac = request.mac { machine = try await recordDiscovered(mac) }
        let loaded = catalog.current
        guard let selection = loaded.set.select(machine: machine, attributes: request.attributes) else {
            let who = request.mac?.description ?? "this machine"
            let hint = machine?.profile.map { "its profile '\($0)' does not exist" }
                ?? "no group matches (add one with no selector as the default, or: provision machine add \(who) --profile NAME)"
            return IPXEScript.noProfile("no profile for \(who): \(hint)")
        }
        guard let boot = selection.profile.boot else {
            return IPXEScript.noProfile("profile '\(selection.profile.id)' has no boot section")
        }
        var args: [String] = []
        if let m = machine {
            let booted = preview ? m : try await markBooting(m)
            if selection.profile.install != nil, let token = booted.installToken ?? (preview ? "<install-token>" : nil) {
                args += ["provision.server=\(publicURL)", "provision.mac=\(m.mac)", "provision.token=\(token)"]
            }
            if selection.profile.cloudConfig != nil {
                args.append("cloud-config-url=\(publicURL)/cloud-config?mac=\(m.mac)")
            }
        }
        if !preview { count("ipxe") }
        return IPXEScript.boot(boot, extraArgs: args, publicURL: publicURL)
    }

    // MARK: - cloud-config and metadata

    /// The machine's rendered and validated cloud-config (cached per machine revision and profile generation).
    public func cloudConfig(_ request: BootRequest) async throws -> String {
        let (loaded, generation) = catalog.snapshot
        let (machine, selection) = try await select(request, in: loaded.set)
        let discovery = try await clusterURL(for: selection.profile)
        let key = RenderCache.key(revision: machine?.revision, generation: generation, discoveryURL: discovery,
                                  attributes: request.attributes)
        if let text = rendered.text(for: key) {
            count("cloud-config")
            return text
        }
        let context = TemplateContext.build(machine: machine, mac: request.mac, selection: selection,
                                            publicURL: publicURL, discoveryURL: discovery)
        do {
            guard let text = try loaded.cloudConfig(for: selection.profile, context: context) else {
                throw BootError.notFound("profile '\(selection.profile.id)' has no cloud_config")
            }
            rendered.store(text, for: key)
            count("cloud-config")
            return text
        } catch let error as CloudConfigRenderError {
            count("cloud-config", result: "error")
            logger.error("cloud-config for \(request.mac?.description ?? "?"): \(error)")
            throw BootError.renderFailed(error.description)
        }
    }

    /// The render context as JSON-able values: what templates see.
    public func metadata(_ request: BootRequest) async throws -> [String: Value] {
        let (machine, selection) = try await select(request)
        count("metadata")
        return try await context(machine: machine, mac: request.mac, selection: selection)
    }

    // MARK: - Plumbing

    func select(_ request: BootRequest, in set: ProfileSet? = nil) async throws -> (Machine?, ProfileSet.Selection) {
        let mac = try request.requireMAC()
        let machine = try await store.machine(mac)
        guard let selection = (set ?? catalog.current.set).select(machine: machine, attributes: request.attributes) else {
            if let id = machine?.profile { throw BootError.notFound("\(mac): profile '\(id)' does not exist") }
            throw BootError.notFound("\(mac): no profile selected (not registered and no group matches)")
        }
        return (machine, selection)
    }

    func context(machine: Machine?, mac: MACAddress?, selection: ProfileSet.Selection) async throws -> [String: Value] {
        TemplateContext.build(machine: machine, mac: mac, selection: selection,
                              publicURL: publicURL, discoveryURL: try await clusterURL(for: selection.profile))
    }

    /// The profile's etcd discovery URL, or "" when it names no cluster.
    func clusterURL(for profile: Profile) async throws -> String {
        try await profile.discovery.asyncMap { try await discoveryURL($0) } ?? ""
    }

    /// registered/discovered/failed/installing → booting with a new install token; booting stays as it is
    /// (iPXE retries must not rotate the token under a running installer).
    /// A `discovered` machine keeps its state (the operator adopts it) but still gets a token, so a default
    /// group that installs works for it.
    func markBooting(_ machine: Machine) async throws -> Machine {
        if machine.state == .discovered {
            guard machine.installToken == nil else { return machine }
            return try await store.updateMachine(machine.mac) { $0.installToken = InstallToken.generate() }
        }
        guard machine.state != .booting || machine.installToken == nil else { return machine }
        return try await store.updateMachine(machine.mac) { m in
            m.transition(to: .booting)
            m.installToken = InstallToken.generate()
        }
    }

    /// A network-boot client's DHCP DISCOVER (its ROM or iPXE): an unknown MAC is recorded as `discovered`, a
    /// registered machine that is not installed moves to `booting`. Failures are logged; DHCP answers regardless.
    public func networkBootStarted(_ mac: MACAddress) async {
        do {
            guard let machine = try await store.machine(mac) else {
                _ = try await recordDiscovered(mac)
                return
            }
            if machine.state != .installed { _ = try await markBooting(machine) }
        } catch {
            logger.warning("dhcp: cannot record the network boot of \(mac): \(error)")
        }
    }

    func recordDiscovered(_ mac: MACAddress) async throws -> Machine? {
        do {
            let m = try await store.createMachine(Machine(mac: mac, state: .discovered))
            logger.notice("discovered unknown machine \(mac) (adopt it with: provision machine set \(mac) --profile NAME)")
            return m
        } catch let error as StoreError where error.isAlreadyExists {
            return try await store.machine(mac)
        }
    }

    func count(_ kind: String, result: String = "ok") {
        renders.increment(RenderCount(kind: kind, result: result))
    }
}

/// The labels of `provision_renders_total`.
struct RenderCount: Hashable, Sendable {
    var kind: String
    var result: String
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
