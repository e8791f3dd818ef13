/// The shape of profile (`profiles/*.yaml`) and group (`profiles/groups/*.yaml`) files.
enum ProfileSchema {
    static let profile = Schema.record(.init([
        "id": .text,
        "name": .text,
        "boot": .record(.init([
            "kernel": .text,
            "initrd": .list(.text),
            "args": .list(.text),
        ], required: ["kernel"])),
        "cloud_config": .text,
        "install": .record(.init([
            "image": .text,
            "disk": .text,
            "mirror_b": .boolean,
        ], required: ["image"])),
        "discovery": .record(.init([
            "cluster": .text,
            "size": .integer,
        ], required: ["cluster"])),
        "metadata": .map(.anyValue),
    ]))

    static let group = Schema.record(.init([
        "id": .text,
        "name": .text,
        "profile": .text,
        "selector": .map(.text),
        "metadata": .map(.anyValue),
    ], required: ["profile"]))
}
