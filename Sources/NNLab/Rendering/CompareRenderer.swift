import NNDiagnosis

/// A comparison in words: the table and which value fitted first, or one line of JSON.
enum CompareRenderer {
    static func text(_ c: Comparison, key: String, labels: [String], model: String, seeds: Int, seed: UInt32) -> String {
        var rows = [[key, "train", "test", "train loss", "test loss", "99% train at", "best test loss at"]]
        for (label, e) in zip(labels, c.entries) {
            rows.append([label, Text.percent(e.trainAccuracy), Text.percent(e.testAccuracy), Text.value(e.trainLoss),
                         Text.value(e.testLoss), e.epochTrain99.map { "epoch \($0)" } ?? "never", "epoch \(e.bestTestEpoch)"])
        }
        let who = seeds == 1 ? "seed \(seed)" : "median of seeds \(seed)–\(UInt64(seed) + UInt64(seeds) - 1)"
        var lines = ["\(model), one run per \(key) (\(who)):", TextTable.render(rows)]
        if c.interrupted { lines.append("interrupted: \(c.entries.count) of \(labels.count) values run") }
        if let k = c.fastestToFit, let epoch = c.entries[k].epochTrain99 {
            let others = c.entries.enumerated().filter { $0.offset != k }
                .map { "\(key) \(labels[$0.offset]): " + ($0.element.epochTrain99.map { "epoch \($0)" } ?? "never") }
            lines.append("\(key) \(labels[k]) reached 99% on train first, in epoch \(epoch) (\(others.joined(separator: "; ")))")
        } else if c.entries.count == labels.count, c.entries.allSatisfy({ $0.epochTrain99 == nil }) {
            lines.append("no run reached 99% on train")
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ c: Comparison, key: String, values: [JSON], seeds: Int) -> String {
        JSON.object([
            ("key", .string(key)),
            ("seeds", .integer(seeds)),
            ("runs", .array(zip(values, c.entries).map { value, e in
                .object([("value", value), ("train", .number(e.trainAccuracy)), ("test", .number(e.testAccuracy)),
                         ("train_loss", .number(e.trainLoss)), ("test_loss", .number(e.testLoss)),
                         ("epoch_train_99", e.epochTrain99.map { .integer($0) } ?? .null),
                         ("best_test_epoch", .integer(e.bestTestEpoch))])
            })),
            ("first_to_train_99", c.fastestToFit.map { values[$0] } ?? .null),
            ("interrupted", .bool(c.interrupted)),
        ]).rendered
    }
}
