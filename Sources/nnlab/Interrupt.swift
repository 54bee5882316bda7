import Foundation

/// Ctrl-C as a flag: a `sigaction` handler without SA_RESTART sets it, so a blocked
/// `readline` returns and training stops at the next epoch. A second Ctrl-C within a
/// second while the same command is still working quits at once (status 130), for work
/// that does not stop at the first.
enum Interrupt {
    static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            // Only async-signal-safe calls here: clock_gettime, write, _exit.
            var now = timespec()
            clock_gettime(CLOCK_MONOTONIC, &now)
            if interruptWorking != 0 {
                if interruptArmed != 0 {
                    let since = Double(now.tv_sec - interruptFirst.tv_sec) + Double(now.tv_nsec - interruptFirst.tv_nsec) / 1e9
                    if since < 1 {
                        var newline: UInt8 = 10
                        _ = write(STDERR_FILENO, &newline, 1)
                        _exit(130)
                    }
                }
                interruptFirst = now
                interruptArmed = 1
            }
            interruptPending = 1
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        // Over a file size limit a write should fail (and say so), not end the session.
        signal(SIGXFSZ, SIG_IGN)
    }

    /// True once after each Ctrl-C.
    static func take() -> Bool {
        defer { interruptPending = 0 }
        return interruptPending != 0
    }

    static var pending: Bool { interruptPending != 0 }

    /// A command starts (true) or ends (false); a Ctrl-C counts towards quitting only while one runs.
    static func working(_ on: Bool) {
        interruptArmed = 0
        interruptWorking = on ? 1 : 0
    }
}

// Plain globals: a signal handler may only touch such state. Unchecked, because the handler
// runs on the thread it interrupts: a Ctrl-C landing inside `take()`'s write would otherwise
// trap as a simultaneous access (seen once in the pty test, debug build).
@exclusivity(unchecked) nonisolated(unsafe) var interruptPending: sig_atomic_t = 0
@exclusivity(unchecked) nonisolated(unsafe) var interruptWorking: sig_atomic_t = 0
/// Set by the first Ctrl-C of a command, with its time in `interruptFirst`.
@exclusivity(unchecked) nonisolated(unsafe) var interruptArmed: sig_atomic_t = 0
@exclusivity(unchecked) nonisolated(unsafe) var interruptFirst = timespec()
