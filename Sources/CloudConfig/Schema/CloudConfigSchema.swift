/// The CoreOS cloud-config dialect (as coreos-cloudinit reads it), in the key spelling of the CoreOS docs.
enum CloudConfigSchema {
    static let root = Schema.record(.init([
        "hostname": .text,
        "ssh_authorized_keys": .list(.text),
        "users": .list(user),
        "write_files": .list(writeFile),
        "manage_etc_hosts": .choice(["localhost"]),
        "coreos": coreos,
    ]))

    static let user = Schema.record(.init([
        "name": .text,
        "passwd": .text,
        "ssh-authorized-keys": .list(.text),
        "coreos-ssh-import-github": .text,
        "coreos-ssh-import-github-users": .list(.text),
        "coreos-ssh-import-url": .text,
        "gecos": .text,
        "homedir": .text,
        "no-create-home": .boolean,
        "primary-group": .text,
        "groups": .list(.text),
        "no-user-group": .boolean,
        "system": .boolean,
        "no-log-init": .boolean,
        "shell": .text,
    ], required: ["name"]))

    static let writeFile = Schema.record(.init([
        "path": .text,
        "content": .text,
        "permissions": .octalPermissions,
        "owner": .text,
        "encoding": .choice(["base64", "b64", "gz", "gzip", "gz+base64", "gzip+base64", "gz+b64", "gzip+b64"]),
    ], required: ["path"]))

    static let coreos = Schema.record(.init([
        "etcd2": etcd2,
        "fleet": fleet,
        "flannel": flannel,
        "locksmith": locksmith,
        "update": update,
        "units": .list(unit),
    ]))

    static let etcd2 = Schema.record(.init([
        "name": .text,
        "discovery": .text,
        "discovery-fallback": .choice(["proxy", "exit"]),
        "discovery-proxy": .text,
        "discovery-srv": .text,
        "advertise-client-urls": .text,
        "initial-advertise-peer-urls": .text,
        "initial-cluster": .text,
        "initial-cluster-state": .choice(["new", "existing"]),
        "initial-cluster-token": .text,
        "listen-client-urls": .text,
        "listen-peer-urls": .text,
        "data-dir": .text,
        "wal-dir": .text,
        "cors": .text,
        "proxy": .choice(["on", "off", "readonly"]),
        "proxy-dial-timeout": .integer,
        "proxy-failure-wait": .integer,
        "proxy-read-timeout": .integer,
        "proxy-refresh-interval": .integer,
        "proxy-write-timeout": .integer,
        "election-timeout": .integer,
        "heartbeat-interval": .integer,
        "snapshot-count": .integer,
        "max-snapshots": .integer,
        "max-wals": .integer,
        "force-new-cluster": .boolean,
        "strict-reconfig-check": .boolean,
        "debug": .boolean,
        "enable-pprof": .boolean,
        "log-package-levels": .text,
        "ca-file": .text,
        "cert-file": .text,
        "key-file": .text,
        "client-cert-auth": .boolean,
        "trusted-ca-file": .text,
        "peer-ca-file": .text,
        "peer-cert-file": .text,
        "peer-key-file": .text,
        "peer-client-cert-auth": .boolean,
        "peer-trusted-ca-file": .text,
    ]))

    static let fleet = Schema.record(.init([
        "agent-ttl": .text,
        "engine-reconcile-interval": .text,
        "etcd-cafile": .text,
        "etcd-certfile": .text,
        "etcd-keyfile": .text,
        "etcd-key-prefix": .text,
        "etcd-request-timeout": .text,
        "etcd-servers": .text,
        "metadata": .text,
        "public-ip": .text,
        "verbosity": .text,
        "disable-engine": .boolean,
        "disable-watches": .boolean,
        "token-limit": .text,
    ]))

    static let flannel = Schema.record(.init([
        "etcd-endpoints": .text,
        "etcd-cafile": .text,
        "etcd-certfile": .text,
        "etcd-keyfile": .text,
        "etcd-prefix": .text,
        "etcd-username": .text,
        "etcd-password": .text,
        "ip-masq": .text,
        "subnet-file": .text,
        "interface": .text,
        "public-ip": .text,
    ]))

    static let locksmith = Schema.record(.init([
        "endpoint": .text,
        "etcd-cafile": .text,
        "etcd-certfile": .text,
        "etcd-keyfile": .text,
        "etcd-username": .text,
        "etcd-password": .text,
        "group": .text,
        "window-start": .text,
        "window-length": .text,
    ]))

    static let update = Schema.record(.init([
        "reboot-strategy": .choice(["best-effort", "etcd-lock", "reboot", "off"]),
        "group": .text,
        "server": .text,
    ]))

    static let unit = Schema.record(.init([
        "name": .text,
        "command": .choice(["start", "stop", "restart", "reload", "try-restart", "reload-or-restart", "reload-or-try-restart"]),
        "enable": .boolean,
        "runtime": .boolean,
        "mask": .boolean,
        "content": .text,
        "drop-ins": .list(dropIn),
    ], required: ["name"]))

    static let dropIn = Schema.record(.init([
        "name": .text,
        "content": .text,
    ], required: ["name"]))
}
