import Foundation

/// The public keys an operator trusts: one `.pem` file (one or more `PUBLIC KEY` blocks) or a directory of them.
public enum TrustedKeys {
    /// Every `PUBLIC KEY` block in `pem`; `source` names the text in errors.
    public static func parse(pem: String, source: String) throws -> [VerifyingKey] {
        let begin = "-----BEGIN PUBLIC KEY-----", end = "-----END PUBLIC KEY-----"
        var keys: [VerifyingKey] = []
        var rest = Substring(pem)
        while let start = rest.range(of: begin), let stop = rest.range(of: end, range: start.upperBound..<rest.endIndex) {
            keys.append(try VerifyingKey(pem: String(rest[start.lowerBound..<stop.upperBound]), source: source))
            rest = rest[stop.upperBound...]
        }
        return keys
    }

    /// Loads keys from a `.pem` file or from every `*.pem` file in a directory; throws when none is found.
    public static func load(from path: String) throws -> [VerifyingKey] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ImageTrustError.io(path: path, detail: "no such file or directory")
        }
        let files: [String]
        if isDirectory.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            files = names.filter { $0.hasSuffix(".pem") }.sorted().map { "\(path)/\($0)" }
        } else {
            files = [path]
        }
        var keys: [VerifyingKey] = []
        for file in files {
            keys += try parse(pem: try KeyFiles.readText(file), source: file)
        }
        guard !keys.isEmpty else { throw ImageTrustError.noTrustedKeys(source: path) }
        return keys
    }
}
