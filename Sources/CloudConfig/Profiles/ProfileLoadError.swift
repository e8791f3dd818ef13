/// Loading a profiles directory failed; nothing from it should be used.
public enum ProfileLoadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Every problem found, in file order, each as `file:line:column: message`.
    case invalid([CloudConfigProblem])

    public var problems: [CloudConfigProblem] {
        switch self {
        case .invalid(let problems): problems
        }
    }

    /// One problem per line.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
