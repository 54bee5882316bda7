import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How many threads a long pass over rows may use (measuring both splits every epoch): one per
/// processor, at most `most`, unless NNLAB_THREADS says how many. The rows go to contiguous
/// parts, each row's values are what one thread computes, and the sums over rows are added in
/// row order afterwards, so the count changes the speed only, never a bit of a result.
public enum Threads {
    public static let most = 8
    /// Settable, so that tests compare counts.
    nonisolated(unsafe) public static var count = initial()

    static func initial() -> Int {
        if let text = getenv("NNLAB_THREADS"), let n = Int(String(cString: text)), n >= 1 { return min(n, most) }
        return max(1, min(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), most))
    }

    /// Rows `lower..<upper` of `rows` for `part` of `parts`: contiguous, in order, none empty while parts ≤ rows.
    @inline(__always)
    static func range(_ part: Int, of parts: Int, rows: Int) -> Range<Int> {
        (part * rows / parts)..<((part + 1) * rows / parts)
    }

    /// `body(part)` for each of `parts` parts, each on a thread of its own when there are several.
    @inline(__always)
    static func run(_ parts: Int, _ body: (Int) -> Void) {
        if parts == 1 { body(0) } else { DispatchQueue.concurrentPerform(iterations: parts, execute: body) }
    }
}
