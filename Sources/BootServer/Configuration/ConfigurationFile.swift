import Foundation
import Yams

extension ServerConfiguration {
    /// Reads a YAML config file (keys as in `deploy/provision.yaml`). Unknown keys are an error, so typos don't pass silently.
    public static func load(file path: String) throws -> ServerConfiguration {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ConfigurationError("\(path): cannot read: \(error.localizedDescription)")
        }
        do {
            if let node = try Yams.compose(yaml: text), let mapping = node.mapping {
                let known = Set(CodingKeys.allKeyNames)
                for key in mapping.keys {
                    guard let name = key.string, known.contains(name) else {
                        let mark = key.mark.map { "\($0.line):\($0.column)" } ?? "?"
                        throw ConfigurationError("\(path):\(mark): unknown setting '\(key.string ?? "?")'")
                    }
                }
            }
            return try YAMLDecoder().decode(ServerConfiguration.self, from: text)
        } catch let error as ConfigurationError {
            throw error
        } catch let error as YamlError {
            throw ConfigurationError("\(path):\(error)")
        } catch {
            throw ConfigurationError("\(path): \(error)")
        }
    }
}

extension ServerConfiguration.CodingKeys {
    static var allKeyNames: [String] { allCases.map(\.stringValue) }
}
