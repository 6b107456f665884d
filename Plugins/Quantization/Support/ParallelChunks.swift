import Foundation
import Dispatch

/// Runs `body` on contiguous chunks that together cover `0..<count`, spread over
/// `threadCount` threads with `DispatchQueue.concurrentPerform`.
///
/// Work of fewer than `minimumChunk` items runs on the calling thread, because a dispatch
/// costs more than it saves there. Chunks are about four per thread so that a slow chunk does
/// not leave a core idle. `body` receives the chunk index and its range; chunk indices run
/// from 0 to `chunkCount(count:threadCount:minimumChunk:)` minus 1, so callers can keep
/// per-chunk partial results. `body` must only write memory that no other chunk writes.
func forEachChunk(
    count: Int, threadCount: Int, minimumChunk: Int, _ body: (_ chunk: Int, _ range: Range<Int>) -> Void
) {
    let chunkCount = chunkCount(count: count, threadCount: threadCount, minimumChunk: minimumChunk)
    if chunkCount <= 1 {
        if count > 0 { body(0, 0..<count) }
        return
    }
    let chunkSize = (count + chunkCount - 1) / chunkCount
    withoutActuallyEscaping(body) { body in
        // The chunks write disjoint memory and concurrentPerform returns only after every
        // chunk has finished, so sharing `body` across threads is safe.
        let shared = UncheckedSendable(value: body)
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let start = chunk * chunkSize
            let end = min(count, start + chunkSize)
            if start < end { shared.value(chunk, start..<end) }
        }
    }
}

/// A value passed to other threads under a contract the compiler cannot check.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
}

/// The number of chunks `forEachChunk` splits `count` items into.
func chunkCount(count: Int, threadCount: Int, minimumChunk: Int) -> Int {
    guard count > 0 else { return 0 }
    let byWork = (count + max(1, minimumChunk) - 1) / max(1, minimumChunk)
    return max(1, min(byWork, max(1, threadCount) * 4))
}

/// Threads a table's batch decode uses. Decoding has no context argument, so it uses every
/// active core; batches below the per-call `minimumChunk` stay on the calling thread.
let decodeThreadCount = ProcessInfo.processInfo.activeProcessorCount
