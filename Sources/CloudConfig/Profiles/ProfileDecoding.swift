import ProvisionModel
import Yams

/// Builds model values from YAML nodes that already passed `ProfileSchema` (so shapes are known good).
enum ProfileDecoding {
    static func profile(_ node: Node, id: String) -> Profile {
        Profile(
            id: id,
            name: node["name"]?.text,
            boot: node["boot"].flatMap(boot),
            cloudConfig: node["cloud_config"]?.text,
            install: node["install"].flatMap(install),
            discovery: node["discovery"].flatMap(discovery),
            metadata: node["metadata"].map(fields) ?? [:]
        )
    }

    static func group(_ node: Node, id: String) -> Group {
        Group(
            id: id,
            name: node["name"]?.text,
            profile: node["profile"]?.text ?? "",
            selector: node["selector"]?.mapping.map { mapping in
                Dictionary(mapping.compactMap { key, value in
                    key.text.flatMap { k in value.text.map { (k, $0) } }
                }, uniquingKeysWith: { first, _ in first })
            } ?? [:],
            metadata: node["metadata"].map(fields) ?? [:]
        )
    }

    private static func boot(_ node: Node) -> Profile.Boot? {
        guard let kernel = node["kernel"]?.text else { return nil }
        return Profile.Boot(kernel: kernel, initrd: texts(node["initrd"]), args: texts(node["args"]))
    }

    private static func install(_ node: Node) -> Profile.Install? {
        guard let image = node["image"]?.text else { return nil }
        return Profile.Install(image: image, disk: node["disk"]?.text ?? "auto", mirrorB: node["mirror_b"]?.flag ?? false)
    }

    private static func discovery(_ node: Node) -> Profile.Discovery? {
        guard let cluster = node["cluster"]?.text else { return nil }
        return Profile.Discovery(cluster: cluster, size: node["size"]?.integer ?? 3)
    }

    private static func texts(_ node: Node?) -> [String] {
        node?.sequence?.compactMap(\.text) ?? []
    }

    static func fields(_ node: Node) -> [String: Value] {
        guard let mapping = node.mapping else { return [:] }
        return Dictionary(mapping.compactMap { key, value in key.text.map { ($0, self.value(value)) } },
                          uniquingKeysWith: { first, _ in first })
    }

    /// A YAML value as a `Value`, scalars typed the way YAML 1.1 resolves them (quoted ones stay strings).
    static func value(_ node: Node) -> Value {
        switch node {
        case .mapping: return .object(fields(node))
        case .sequence(let sequence): return .array(sequence.map(value))
        case .alias: return .null
        case .scalar(let scalar):
            switch ScalarKind(scalar) {
            case .null: return .null
            case .bool(let flag): return .bool(flag)
            case .int(let number): return .int(number)
            case .float(let number): return .double(number)
            case .string: return .string(scalar.string)
            }
        }
    }
}

extension Node {
    /// A non-null scalar's literal text.
    var text: String? {
        guard let scalar, !isNull else { return nil }
        return scalar.string
    }

    var flag: Bool? {
        if case .bool(let value)? = scalarKind { return value }
        return nil
    }

    var integer: Int? {
        if case .int(let value)? = scalarKind { return value }
        return nil
    }
}
