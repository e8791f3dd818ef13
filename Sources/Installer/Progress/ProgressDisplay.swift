import Foundation

/// Shows download progress while the pipeline runs: a redrawn bar when stdout is a terminal, otherwise a plain
/// line every `plainInterval`. Also calls `report` every `reportInterval` (the agent POSTs a `download` event).
public final class ProgressDisplay: Sendable {
    public enum Style: Sendable { case terminal, plain, silent }

    let counter: ByteCounter
    let total: Int64?
    let style: Style
    let reportInterval: Duration
    let report: @Sendable (ProgressLine) async -> Void
    let started = ContinuousClock.now

    public init(counter: ByteCounter, total: Int64?, style: Style, reportInterval: Duration = .seconds(5),
                report: @escaping @Sendable (ProgressLine) async -> Void) {
        self.counter = counter
        self.total = total
        self.style = style
        self.reportInterval = reportInterval
        self.report = report
    }

    /// The current figures.
    public var line: ProgressLine {
        ProgressLine(bytes: counter.count, total: total, elapsed: (ContinuousClock.now - started) / .seconds(1))
    }

    /// Runs until cancelled; a report under way is finished first, so await the task before posting later events.
    public func run() async {
        let tick: Duration = style == .terminal ? .milliseconds(250) : .seconds(1)
        var sincePrint: Duration = .zero, sinceReport: Duration = .zero
        while !Task.isCancelled {
            try? await Task.sleep(for: tick)
            if Task.isCancelled { break }
            sincePrint += tick
            sinceReport += tick
            if style == .terminal { draw() }
            if style == .plain, sincePrint >= .seconds(5) { print(line.plain); sincePrint = .zero }
            if sinceReport >= reportInterval {
                // Not cancelled with the loop: a POST cut off mid-flight may still be recorded by the server, after later events.
                let line = line, report = report
                await Task { await report(line) }.value
                sinceReport = .zero
            }
        }
    }

    /// Final figures, on their own line.
    public func finish() {
        switch style {
        case .terminal: draw(); print("")
        case .plain: print(line.plain)
        case .silent: break
        }
    }

    private func draw() {
        // ioctl(TIOCGWINSZ) is variadic in C and not callable from Swift; shells export COLUMNS, else assume 80.
        let columns = max(40, (Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 80) - 1)
        FileHandle.standardOutput.write(Data(("\r" + line.bar(width: columns)).utf8))
    }

    public static var defaultStyle: Style { isatty(STDOUT_FILENO) == 1 ? .terminal : .plain }
}
