import Foundation
import NNCore

/// A live line on stderr while training at a terminal: epoch, loss, accuracy, time left.
/// It is redrawn at most ten times a second and erased when training ends.
final class Progress {
    let enabled: Bool
    private var start: Date?
    private var done = 0
    private var lastDraw = Date.distantPast

    init(enabled: Bool) { self.enabled = enabled }

    /// A command starts: time left is reckoned from here, not from the end of the first epoch
    /// (which read "0.0 s left" when epochs take seconds).
    func begin() {
        guard enabled else { return }
        start = Date()
        done = 0
    }

    func update(_ record: EpochRecord, total: Int) {
        guard enabled else { return }
        let now = Date()
        if start == nil { start = now }
        done += 1
        guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let left = now.timeIntervalSince(start!) / Double(done) * Double(max(total - done, 0))
        // %.4g: a loss of 5e302 (training about to diverge) stays short, on one line.
        let line = String(format: "epoch %d/%d · loss %.4g · train %.1f%% · test %.1f%% · %.1f s left",
                          done, total, record.trainLoss, record.trainAccuracy * 100, record.testAccuracy * 100, left)
        Streams.printError(partial: "\r\u{1B}[K" + line)
    }

    /// A line that stays, over the progress line (which the next epoch draws again below it).
    func note(_ line: String) {
        guard enabled else { return }
        Streams.printError(partial: "\r\u{1B}[K" + line + "\n")
        lastDraw = .distantPast
    }

    func clear() {
        guard enabled else { return }
        if lastDraw != .distantPast { Streams.printError(partial: "\r\u{1B}[K") }
        start = nil
        done = 0
        lastDraw = .distantPast
    }
}
