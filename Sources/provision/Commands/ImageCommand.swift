import ArgumentParser
import Foundation
import ImageTrust
import Installer

/// `provision image …`: keys, detached signatures (OpenSSL-compatible), and importing signed images into assets/.
struct ImageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image",
        abstract: "Sign, verify and import root images (ECDSA P-256 / SHA-256, DER signatures, PEM keys).",
        discussion: """
        Signatures interoperate with OpenSSL both ways:
          openssl dgst -sha256 -verify signing.pub.pem -signature FILE.sig FILE
          openssl dgst -sha256 -sign signing.pem -out FILE.sig FILE

        Exit codes:
          0  success
          4  unreadable or malformed input (file, key, signature, name)
          6  the signature does not verify (image refused)
          7  cannot write output (existing key, unwritable directory)
          64 usage error; 1 anything else
        """,
        subcommands: [Keygen.self, Sign.self, Verify.self, Import.self]
    )

    enum Exit {
        static let badInput = ExitCode(4)
        static let notVerified = ExitCode(6)
        static let cannotWrite = ExitCode(7)
    }

    /// Runs a subcommand's body; an error is printed and becomes the exit code the discussion documents.
    static func running(_ body: () async throws -> Void) async throws {
        do { try await body() } catch { throw fail(error) }
    }

    static func fail(_ error: any Error) -> ExitCode {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        switch error {
        case ImageTrustError.signatureMismatch, ImportError.rejected: return Exit.notVerified
        case ImageTrustError.cannotWrite, ImportError.writeFailed, ImportError.alreadyImported: return Exit.cannotWrite
        case is ImageTrustError, is ImportError: return Exit.badInput
        default: return ExitCode.failure
        }
    }

    struct Keygen: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a signing key: PKCS#8 private key (mode 0600) and its SubjectPublicKeyInfo public key.")

        @Option(name: .long, help: "Private key file to create (refuses to overwrite). The public key goes beside it as <name>.pub.pem.")
        var out: String = "signing.pem"

        func run() async throws {
            let publicPath = (out.hasSuffix(".pem") ? String(out.dropLast(4)) : out) + ".pub.pem"
            try await ImageCommand.running {
                let key = SigningKey.generate()
                try KeyFiles.write(key, privatePath: out, publicPath: publicPath)
                print("wrote \(out) (private, 0600) and \(publicPath) (public, \(key.verifyingKey.fingerprint))")
            }
        }
    }

    struct Sign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Sign FILE, writing the DER signature to FILE.sig.")

        @Argument(help: "The image to sign.") var file: String
        @Option(name: .long, help: "Private key (PEM).") var key: String
        @Option(name: .long, help: "Where to write the signature (default FILE.sig).") var out: String?

        func run() async throws {
            try await ImageCommand.running {
                let signingKey = try KeyFiles.readSigningKey(key)
                let signature = try ImageFile.sign(file, with: signingKey)
                let target = out ?? file + ".sig"
                try KeyFiles.writeSignature(signature, to: target)
                print("wrote \(target) (signed by \(signingKey.verifyingKey.fingerprint))")
            }
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check FILE's detached signature against a public key.")

        @Argument(help: "The image to check.") var file: String
        @Option(name: .long, help: "Public key (PEM), or a directory of them.") var pubkey: String
        @Option(name: .long, help: "Signature file (default FILE.sig).") var sig: String?

        func run() async throws {
            try await ImageCommand.running {
                let keys = try TrustedKeys.load(from: pubkey)
                let signer = try ImageFile.verify(file, signature: try KeyFiles.readSignature(sig ?? file + ".sig"), trustedKeys: keys)
                print("\(file): signature OK (\(signer.fingerprint))")
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish a signed image under ASSETS/<os>/<version>/ and point ASSETS/<os>/<channel> at it.",
            discussion: """
            Copies FILE and FILE.sig, verifies the copy against the trusted keys (refusing it otherwise), records \
            size, SHA-256 and decompressed size in manifest.json, then writes the channel pointer (a text file \
            holding the version) atomically.
            """)

        @Argument(help: "The image (compression from its extension: .xz .zst .gz .bz2, else none).") var file: String
        @Option(name: .long, help: "Operating system name, e.g. flatcar.") var os: String
        @Option(name: .long, help: "Version, e.g. 3975.2.0.") var version: String
        @Option(name: .long, help: "Channel to point at this version: stable, beta or alpha.") var channel: Channel = .stable
        @Option(name: .long, help: "Assets directory.") var assets: String = "assets"
        @Option(name: .long, help: "Trusted public keys: a PEM file or a directory of them.") var trustedKeys: String = "trusted-keys"
        @Option(name: .long, help: "Signature file (default FILE.sig).") var sig: String?

        enum Channel: String, ExpressibleByArgument, CaseIterable { case stable, beta, alpha }

        func run() async throws {
            try await ImageCommand.running {
                let keys = try TrustedKeys.load(from: trustedKeys)
                let importer = ImageImport(file: file, signature: sig, os: os, version: version, channel: channel.rawValue,
                                           assets: assets, trustedKeys: keys)
                let manifest = try await importer.run()
                print("imported \(importer.versionDirectory)/\(manifest.image) (\(manifest.compression.rawValue), \(manifest.size) bytes, "
                      + "\(manifest.uncompressedSize) uncompressed, sha256 \(manifest.sha256), signed by \(manifest.signedBy))")
                print("\(importer.channelPointer) -> \(version)")
            }
        }
    }
}
