import Foundation

/// Ctrl-C as a flag: a `sigaction` handler without SA_RESTART sets it, so a blocked
/// `readline` returns and training stops at the next epoch. A second Ctrl-C within a
/// second while work is running quits at once.
enum Interrupt {
    static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            var now = timespec()
            clock_gettime(CLOCK_MONOTONIC, &now)
            if interruptWorking != 0 && interruptPending != 0 && now.tv_sec - interruptFirst.tv_sec < 2
                && Double(now.tv_sec - interruptFirst.tv_sec) + Double(now.tv_nsec - interruptFirst.tv_nsec) / 1e9 < 1 {
                _exit(130)
            }
            interruptPending = 1
            interruptFirst = now
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    /// True once after each Ctrl-C.
    static func take() -> Bool {
        defer { interruptPending = 0 }
        return interruptPending != 0
    }

    static var pending: Bool { interruptPending != 0 }

    static func working(_ on: Bool) { interruptWorking = on ? 1 : 0 }
}

// Plain globals: a signal handler may only touch such state.
nonisolated(unsafe) var interruptPending: sig_atomic_t = 0
nonisolated(unsafe) var interruptWorking: sig_atomic_t = 0
nonisolated(unsafe) var interruptFirst = timespec()
