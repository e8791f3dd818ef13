import Foundation
import Testing
import TestSupport
@testable import TFTP

/// Real files and symlinks in a temporary directory.
@Suite struct FileResolverTests {
    let assets: TemporaryDirectory
    let outside: TemporaryDirectory

    init() throws {
        assets = try TemporaryDirectory("tftp-root")
        outside = try TemporaryDirectory("tftp-outside")
        try assets.write("boot.ipxe", "#!ipxe\n")
        try assets.write("flatcar/stable/vmlinuz", "kernel")
        try outside.write("secret", "do not serve")
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: assets.file("escape").path, withDestinationPath: outside.file("secret").path)
        try fm.createSymbolicLink(atPath: assets.file("dotdot-link").path, withDestinationPath: "../\(outside.url.lastPathComponent)/secret")
        try fm.createSymbolicLink(atPath: assets.file("current").path, withDestinationPath: "flatcar/stable/vmlinuz")
        try fm.createSymbolicLink(atPath: assets.file("dangling").path, withDestinationPath: "nowhere")
    }

    private func served(_ name: String, roots: [TFTPRoot]? = nil) throws(FileResolutionError) -> String {
        let (file, path) = try FileResolver(roots: roots ?? [.directory(assets.path)]).open(name)
        defer { file.close() }
        return path
    }

    @Test(arguments: ["boot.ipxe", "flatcar/stable/vmlinuz", "flatcar\\stable\\vmlinuz", "./boot.ipxe",
                      "flatcar//stable/vmlinuz", "current"])
    func namesInsideTheRootAreServed(_ name: String) throws {
        let path = try served(name)
        #expect(path.hasPrefix(assets.url.resolvingSymlinksInPath().path + "/"))
    }

    @Test(arguments: ["../etc/passwd", "flatcar/../../etc/passwd", "..\\..\\etc\\passwd", "/etc/passwd",
                      "\\etc\\passwd", "boot.ipxe\0.png", "escape", "dotdot-link", "dangling", "flatcar"])
    func unsafeNamesAreRefusedWithAccessViolation(_ name: String) {
        let error = #expect(throws: FileResolutionError.self) { try served(name) }
        #expect(error?.errorCode == .accessViolation)
    }

    @Test(arguments: ["missing.bin", "flatcar/beta/vmlinuz", ".", "./"])
    func missingNamesAreNotFound(_ name: String) {
        #expect(throws: FileResolutionError.notFound(name)) { try served(name) }
    }

    @Test func rootsAreSearchedInOrder() throws {
        let second = try TemporaryDirectory("tftp-second")
        defer { second.remove() }
        try second.write("boot.ipxe", "shadowed")
        try second.write("only-here", "x")
        let roots: [TFTPRoot] = [.directory(assets.path), .directory(second.path)]
        #expect(try served("boot.ipxe", roots: roots).hasPrefix(assets.url.resolvingSymlinksInPath().path))
        #expect(try served("only-here", roots: roots).hasPrefix(second.url.resolvingSymlinksInPath().path))
    }

    @Test func namedFilesRootServesOnlyItsNamesEvenThroughSymlinks() throws {
        let roots: [TFTPRoot] = [.files(directory: assets.path, names: ["escape"])]
        #expect(try served("escape", roots: roots) == outside.url.resolvingSymlinksInPath().appendingPathComponent("secret").path)
        #expect(throws: FileResolutionError.notFound("boot.ipxe")) { try served("boot.ipxe", roots: roots) }
    }

    @Test(.disabled(if: !FileManager.default.fileExists(atPath: "/usr/lib/ipxe/undionly.kpxe"), "Debian ipxe not installed"))
    func debianIPXEBinariesAreServedUnderBareNames() throws {
        for name in ["undionly.kpxe", "ipxe.efi", "snponly.efi"] where FileManager.default.fileExists(atPath: "/usr/lib/ipxe/\(name)") {
            _ = try served(name, roots: [.directory(assets.path), .debianIPXE])
        }
        #expect(throws: FileResolutionError.notFound("ipxe.iso")) {
            try served("ipxe.iso", roots: [.directory(assets.path), .debianIPXE])
        }
    }
}
