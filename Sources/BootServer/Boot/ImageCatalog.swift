import Foundation
import ProvisionModel

/// Finds the image an install block names: a channel under the assets dir (`flatcar/stable`, a file whose
/// content is the current version; the image is the one `flatcar/<version>/manifest.json` names, or else the file
/// there that has a `.sig` beside it),
/// or an http(s) URL (signature at URL + `.sig`).
struct ImageCatalog: Sendable {
    let assets: AssetRoot

    init(assets: String) {
        self.assets = AssetRoot(assets)
    }

    struct Image: Equatable {
        var url: String
        var signatureURL: String
        var compression: ImageCompression
        var size: Int64?
        var sha256: String?
        var uncompressedSize: Int64?
    }

    func image(_ reference: String, publicURL: String) throws(BootError) -> Image {
        if reference.hasPrefix("http://") || reference.hasPrefix("https://") {
            let name = reference.split(separator: "?").first.map(String.init) ?? reference
            return Image(url: reference, signatureURL: reference + ".sig", compression: ImageCompression(fileName: name))
        }
        let channel = reference.hasPrefix("/") ? String(reference.dropFirst()) : reference
        let pointer: String
        do { pointer = try assets.resolve(channel) } catch {
            throw .notFound("image channel '\(channel)' not found under the assets directory (\(error))")
        }
        guard let version = try? String(contentsOfFile: pointer, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines), !version.isEmpty, !version.contains("/") else {
            throw .notFound("image channel '\(channel)' does not name a version")
        }
        let os = (channel as NSString).deletingLastPathComponent
        let dir = os.isEmpty ? version : "\(os)/\(version)"
        let base = "\(publicURL)/assets/\(dir)/"
        // `provision image import` writes manifest.json: sizes and hash without reading the image.
        if let data = FileManager.default.contents(atPath: "\(assets.resolvedRoot)/\(dir)/manifest.json") {
            guard let manifest = try? JSONDecoder().decode(ImageManifest.self, from: data) else {
                throw .notFound("assets/\(dir)/manifest.json is not a valid image manifest")
            }
            return Image(url: base + manifest.image, signatureURL: base + manifest.signature, compression: manifest.compression,
                         size: manifest.size, sha256: manifest.sha256, uncompressedSize: manifest.uncompressedSize)
        }
        let files = (try? FileManager.default.contentsOfDirectory(atPath: "\(assets.resolvedRoot)/\(dir)")) ?? []
        guard let file = files.sorted().first(where: { !$0.hasSuffix(".sig") && files.contains($0 + ".sig") }) else {
            throw .notFound("no signed image in assets/\(dir) (channel '\(channel)')")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: "\(assets.resolvedRoot)/\(dir)/\(file)")[.size] as? NSNumber)?.int64Value
        return Image(url: base + file, signatureURL: base + file + ".sig", compression: ImageCompression(fileName: file), size: size)
    }
}
