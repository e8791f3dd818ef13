import Foundation

/// Where command results go: stdout as text or JSON; problems to stderr.
enum Output {
    static func print<T: Encodable>(_ value: T, json: Bool, text: (T) -> String) throws {
        if json {
            let data = try JSONEncoder.api.encode(value)
            write(String(decoding: data, as: UTF8.self))
        } else {
            write(text(value))
        }
    }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}
