import Foundation
import Testing

/// Result of one run of the embcompress binary.
struct CommandResult {
    var status: Int32
    var standardOutput: String
    var standardError: String
}

/// Runs the built `embcompress` executable as a subprocess.
enum CommandRunner {
    /// Finds the binary next to the test bundle (where `swift build` puts every product), or in
    /// `.build/debug` of the package when the bundle lives elsewhere.
    static func executableURL() throws -> URL {
        let besideBundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("embcompress")
        if FileManager.default.isExecutableFile(atPath: besideBundle.path) { return besideBundle }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let inBuildFolder = packageRoot.appendingPathComponent(".build/debug/embcompress")
        guard FileManager.default.isExecutableFile(atPath: inBuildFolder.path) else {
            Issue.record("embcompress not found at \(besideBundle.path) or \(inBuildFolder.path); run 'swift build' first")
            throw CocoaError(.fileNoSuchFile)
        }
        return inBuildFolder
    }

    /// Runs `embcompress arguments...` in `folder` and collects its exit status and output.
    static func run(_ arguments: [String], in folder: URL) throws -> CommandResult {
        let process = Process()
        process.executableURL = try executableURL()
        process.arguments = arguments
        process.currentDirectoryURL = folder
        // Output goes to files outside `folder` rather than to pipes, so a full pipe can never
        // block the child and the tests can list `folder` to find leftover files.
        let scratch = FileManager.default.temporaryDirectory
        let outputURL = scratch.appendingPathComponent("embcompress-stdout-\(UUID().uuidString)")
        let errorURL = scratch.appendingPathComponent("embcompress-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outputURL)
            try? FileManager.default.removeItem(at: errorURL)
        }
        let outputHandle = try FileHandle(forWritingTo: outputURL)
        let errorHandle = try FileHandle(forWritingTo: errorURL)
        process.standardOutput = outputHandle
        process.standardError = errorHandle
        try process.run()
        process.waitUntilExit()
        try outputHandle.close()
        try errorHandle.close()
        return CommandResult(
            status: process.terminationStatus,
            standardOutput: String(decoding: try Data(contentsOf: outputURL), as: UTF8.self),
            standardError: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self))
    }
}

/// A fresh folder under the system temporary folder.
struct TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("EmbcompressTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Names of the files in the folder, hidden ones included, sorted.
    func fileNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
