import Yams

/// What a scalar means under YAML 1.1's core rules (the ones libyaml users such as Go's yaml.v2 apply):
/// quoted and block scalars are strings; plain ones may be null, booleans or numbers.
///
/// Classified by hand rather than through Yams' regular-expression resolver, which dominated the cost
/// of validating a rendered cloud-config on every request.
enum ScalarKind: Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string

    init(_ scalar: Node.Scalar) {
        guard scalar.style == .plain else {
            self = .string
            return
        }
        self = Self.classify(plain: scalar.string)
    }

    static func classify(plain text: String) -> ScalarKind {
        if nulls.contains(text) { return .null }
        if trues.contains(text) { return .bool(true) }
        if falses.contains(text) { return .bool(false) }
        if let number = integer(text) { return .int(number) }
        if let number = float(text) { return .float(number) }
        return .string
    }

    private static let nulls: Set<String> = ["", "~", "null", "Null", "NULL"]
    private static let trues: Set<String> = ["true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"]
    private static let falses: Set<String> = ["false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"]

    /// `[-+]?(0b[01_]+ | 0x[0-9a-fA-F_]+ | 0o?[0-7_]+ | 0 | [1-9][0-9_]*)`; a leading 0 means octal.
    static func integer(_ text: String) -> Int? {
        var body = Substring(text)
        var sign = 1
        if let first = body.first, first == "-" || first == "+" {
            sign = first == "-" ? -1 : 1
            body = body.dropFirst()
        }
        let digits: Substring
        let radix: Int
        if body.hasPrefix("0b") {
            (digits, radix) = (body.dropFirst(2), 2)
        } else if body.hasPrefix("0x") {
            (digits, radix) = (body.dropFirst(2), 16)
        } else if body.hasPrefix("0o") {
            (digits, radix) = (body.dropFirst(2), 8)
        } else if body.count > 1, body.hasPrefix("0") {
            (digits, radix) = (body.dropFirst(), 8)
        } else {
            (digits, radix) = (body, 10)
        }
        let cleaned = digits.filter { $0 != "_" }
        guard !cleaned.isEmpty, digits.first != "_", let value = Int(cleaned, radix: radix) else { return nil }
        return sign * value
    }

    /// Decimal floats as YAML 1.1 spells them (`1.5`, `-2e3`, `.5`, `0999`) and the `.inf`/`.nan` forms.
    static func float(_ text: String) -> Double? {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: break
        }
        guard isDecimalFloat(Array(text.utf8)) else { return nil }
        return Double(text.filter { $0 != "_" })
    }

    /// `[-+]?([0-9][0-9_]*(\.[0-9_]*)?|\.[0-9_]+)([eE][-+]?[0-9]+)?`
    private static func isDecimalFloat(_ bytes: [UInt8]) -> Bool {
        func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        var index = 0
        func skip(while predicate: (UInt8) -> Bool) -> Int {
            let start = index
            while index < bytes.count, predicate(bytes[index]) { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
        let digitOrUnderscore: (UInt8) -> Bool = { isDigit($0) || $0 == UInt8(ascii: "_") }
        if index < bytes.count, isDigit(bytes[index]) {
            _ = skip(while: digitOrUnderscore)
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                _ = skip(while: digitOrUnderscore)
            }
        } else if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard skip(while: digitOrUnderscore) > 0 else { return false }
        } else {
            return false
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
            guard skip(while: isDigit) > 0 else { return false }
        }
        return index == bytes.count
    }
}
