// In-process timings of the post's examples, driven through the NNLab session as a
// learner types them. Run with `make bench` (release build); each benchmark repeats
// until it has run for a second and prints the median and the range of its runs.
// `swift run -c release nnlab-bench --help` lists the harness's options (--filter,
// --iterations, --min-time, --format json, ...).
import Benchmark
import NNLab

/// A session that has run `lines`; stops the benchmark if any of them failed.
func session(_ lines: String...) -> Session {
    let s = Session()
    for line in lines { check(s.run(line), line) }
    return s
}

/// The text a command printed; fails loudly on an error, so a broken command is never timed.
@discardableResult
func check(_ outputs: [Output], _ line: String) -> String {
    var text = ""
    for output in outputs {
        switch output {
        case .text(let t): text += t
        case .error(let e): fatalError("`\(line)` failed: \(e)")
        case .quit: break
        }
    }
    return text
}

// Example 2: 2-16-1, ReLU, Adam, batch 32, 160 training points of the circles (seed 42).
let example2 = session("data circles", "model dense16 relu")
for epochs in [500, 5000] {
    let line = "train epochs=\(epochs)"
    precondition(check(example2.run(line), line).contains("epoch \(epochs):"))
    benchmark("example 2, \(epochs) epochs") { check(example2.run(line), line) }
}

// Example 1 (a straight line on the circles), then `diagnose verify`: its fixes tried as
// experiments over five seeds.
let example1 = session("data circles", "model linear", "train epochs=500")
precondition(check(example1.run("diagnose verify"), "diagnose verify").contains("verified"))
benchmark("diagnose verify, example 1") { check(example1.run("diagnose verify"), "diagnose verify") }

// Three learning rates × five seeds of Example 2: fifteen trainings of 500 epochs.
let sweep = "sweep lr=0.001,0.01,0.1 seeds=5"
precondition(check(example2.run(sweep), sweep).contains("best"))
benchmark(sweep) { check(example2.run(sweep), sweep) }

// Issue 16's targets. `plot units` of Example 3's trained dense16 (under 50 ms); `curve`, five sizes × three
// seeds on the seed's data (under 0.5 s); `compare lr=0.001,0.01`, where lr 0.01 must reach 99% on train first.
let inside = session("data circles", "model dense16 relu", "train lr=0.01")
precondition(check(inside.run("plot units"), "plot units").contains("layer 1 unit 16"))
benchmark("plot units, dense16") { check(inside.run("plot units"), "plot units") }
precondition(check(inside.run("curve"), "curve").contains("verdict:"))
benchmark("curve, 5 sizes × 3 seeds") { check(inside.run("curve"), "curve") }
let compare = "compare lr=0.001,0.01 format=json"
precondition(check(inside.run(compare), compare).contains("\"first_to_train_99\":0.01"))
benchmark(compare) { check(inside.run(compare), compare) }

Benchmark.main(customDefaults: defaultSettings + [
    TimeUnit(.ms), Columns(["name", "median", "min", "max", "iterations"]),
])
