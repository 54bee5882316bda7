import XCTest
@testable import NNLab

/// `save` and `load` give back the same session: evaluate prints the same numbers.
final class SaveLoadTests: XCTestCase {
    func testLoadRestoresTheSessionExactly() throws {
        let s = Session.forReplay()
        defer { s.removeScratch() }
        for line in ["data moons noise=0.3 seed=5 flip=0.05", "model dense8 tanh dense4 relu", "train lr=0.01 epochs=40 seed=2", "set seed=7 width=90"] {
            _ = s.run(line)
        }
        let before = s.run("evaluate format=json"), status = s.run("status")
        XCTAssertEqual(s.run("save file=session.json"), [.text("saved the session to session.json (40 epochs of training)")])
        let fresh = Session()
        fresh.directory = s.directory
        guard case .text(let loaded)? = fresh.run("load file=session.json").first else { return XCTFail("load failed") }
        XCTAssertTrue(loaded.hasPrefix("loaded session.json\n"))
        XCTAssertEqual(fresh.run("evaluate format=json"), before)
        XCTAssertEqual(fresh.run("status"), status)
        XCTAssertEqual(fresh.run!.history, s.run!.history)
        XCTAssertEqual(fresh.data, s.data)
        XCTAssertEqual(fresh.settings, s.settings)
        XCTAssertEqual(fresh.run("train continue epochs=5").count, 1, "a loaded model trains on")
    }

    func testBadFilesGetOneClearLine() throws {
        let s = Session.forReplay()
        defer { s.removeScratch() }
        let dir = s.directory!
        XCTAssertEqual(s.run("load file=missing.json"), [.error("cannot read missing.json: no such file or directory")])
        try #"{"nnlab": 99}"#.write(toFile: dir + "/new.json", atomically: true, encoding: .utf8)
        XCTAssertEqual(s.run("load file=new.json"), [.error("new.json was saved by a newer nnlab (format 99); this one reads format 1")])
        try "not json".write(toFile: dir + "/junk.json", atomically: true, encoding: .utf8)
        XCTAssertEqual(s.run("load file=junk.json"), [.error("junk.json is not a saved nnlab session (no \"nnlab\" version field)")])
        try #"{"nnlab": 1, "settings": {"seed": "x"}}"#.write(toFile: dir + "/bad.json", atomically: true, encoding: .utf8)
        XCTAssertEqual(s.run("load file=bad.json"), [.error("bad.json is damaged: wrong value at settings.seed")])
        XCTAssertEqual(s.run("save file=nonexistent-dir/s.json"),
                       [.error("cannot write nonexistent-dir/s.json: no such file or directory")])
    }
}
