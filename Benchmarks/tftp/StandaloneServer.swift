// A minimal TFTP server process for benchmarking the TFTP module alone, used by run.sh until
// `provision serve --tftp` is wired (build-standalone.sh compiles it with the module's sources).
//   tftp-standalone HOST PORT ROOT
import Foundation
import Logging
import NIOPosix

@main
struct StandaloneServer {
    static func main() async throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 4, let port = Int(arguments[2]) else {
            print("usage: tftp-standalone HOST PORT ROOT")
            return
        }
        var logger = Logger(label: "tftp")
        logger.logLevel = Logger.Level(rawValue: ProcessInfo.processInfo.environment["TFTP_LOG_LEVEL"] ?? "") ?? .warning
        let configuration = TFTPServerConfiguration(host: arguments[1], port: port,
                                                    roots: TFTPServerConfiguration.defaultRoots(assets: arguments[3]))
        let server = try await TFTPServer.bind(configuration: configuration,
                                               eventLoopGroup: MultiThreadedEventLoopGroup.singleton, logger: logger)
        try await server.run()
    }
}
