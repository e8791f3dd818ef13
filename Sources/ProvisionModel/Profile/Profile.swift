/// A profile: how to boot, what to install, which cloud-config template to render (one YAML file in `profiles/`).
public struct Profile: Sendable, Equatable, Codable {
    public struct Boot: Sendable, Equatable, Codable {
        /// Asset path (`debian/12/vmlinuz`, served under /assets/) or an absolute http(s) URL.
        public var kernel: String
        public var initrd: [String]
        public var args: [String]
        public init(kernel: String, initrd: [String] = [], args: [String] = []) {
            self.kernel = kernel
            self.initrd = initrd
            self.args = args
        }
    }

    public struct Install: Sendable, Equatable, Codable {
        /// A channel (`flatcar/stable`: assets/flatcar/stable points at a version) or an http(s) URL.
        public var image: String
        /// `/dev/sda`-style path or `auto`.
        public var disk: String
        public var mirrorB: Bool
        public init(image: String, disk: String = "auto", mirrorB: Bool = false) {
            self.image = image
            self.disk = disk
            self.mirrorB = mirrorB
        }
        enum CodingKeys: String, CodingKey { case image, disk, mirrorB = "mirror_b" }
    }

    /// An etcd cluster this profile's machines join through our discovery service.
    public struct Discovery: Sendable, Equatable, Codable {
        public var cluster: String
        public var size: Int
        public init(cluster: String, size: Int = 3) {
            self.cluster = cluster
            self.size = size
        }
    }

    /// The file name without `.yaml`.
    public var id: String
    public var name: String?
    public var boot: Boot?
    /// Template file name, relative to the profiles directory.
    public var cloudConfig: String?
    public var install: Install?
    public var discovery: Discovery?
    public var metadata: [String: Value]

    public init(id: String, name: String? = nil, boot: Boot? = nil, cloudConfig: String? = nil,
                install: Install? = nil, discovery: Discovery? = nil, metadata: [String: Value] = [:]) {
        self.id = id
        self.name = name
        self.boot = boot
        self.cloudConfig = cloudConfig
        self.install = install
        self.discovery = discovery
        self.metadata = metadata
    }

    enum CodingKeys: String, CodingKey {
        case id, name, boot, cloudConfig = "cloud_config", install, discovery, metadata
    }
}
