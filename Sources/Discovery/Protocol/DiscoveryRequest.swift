/// One HTTP request to the discovery service, without the transport: what `DiscoveryService.respond` reads.
public struct DiscoveryRequest: Sendable, Equatable {
    /// Upper-case HTTP method (`GET`, `PUT`, `POST`, `DELETE`).
    public var method: String
    /// The path below `/discovery`, percent-decoded: `/new`, `/<token>`, `/<token>/_config/size`, `/<token>/<id>`.
    public var path: String
    /// Query parameters, decoded (`wait`, `waitIndex`, `recursive`, `prevExist`, `size`, …).
    public var query: [String: String]
    /// Fields of an `application/x-www-form-urlencoded` body (`value=…`), decoded; they win over the query.
    public var form: [String: String]

    public init(method: String, path: String, query: [String: String] = [:], form: [String: String] = [:]) {
        self.method = method.uppercased()
        self.path = path
        self.query = query
        self.form = form
    }

    /// Builds a request from the raw query string and body as they arrive on the wire.
    public init(method: String, path: String, rawQuery: String?, body: [UInt8]) {
        self.init(method: method, path: path, query: FormEncoding.decode(rawQuery ?? ""),
                  form: FormEncoding.decode(String(decoding: body, as: UTF8.self)))
    }

    /// A form field, else the query parameter of that name.
    func parameter(_ name: String) -> String? { form[name] ?? query[name] }

    /// True for `name=true` (etcd accepts only the spelling `true` for its boolean flags).
    func flag(_ name: String) -> Bool { parameter(name) == "true" }
}
