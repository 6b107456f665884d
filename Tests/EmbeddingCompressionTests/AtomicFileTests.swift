import Foundation
import Testing
@testable import EmbeddingCompression

@Suite struct AtomicFileTests {
    struct Interrupted: Error {}

    @Test func failedWriteLeavesPreviousFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("table.bin")
        try AtomicFile.write(to: url) { output in try output.write([1, 2, 3]) }

        #expect(throws: Interrupted.self) {
            try AtomicFile.write(to: url) { output in
                try output.write([9, 9, 9, 9, 9])
                throw Interrupted()
            }
        }
        #expect(try folder.fileNames() == ["table.bin"])
        #expect([UInt8](try Data(contentsOf: url)) == [1, 2, 3])
    }

    @Test func successfulWriteReplacesFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("table.bin")
        try AtomicFile.write(to: url) { output in try output.write([1, 2, 3]) }
        let written = try AtomicFile.write(to: url) { output in
            try output.write([4])
            try output.writeZeros(3)
        }

        #expect(written == 4)
        #expect([UInt8](try Data(contentsOf: url)) == [4, 0, 0, 0])
        #expect(try folder.fileNames() == ["table.bin"])
    }
}
