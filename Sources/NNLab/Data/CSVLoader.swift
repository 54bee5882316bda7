import Foundation
import NNCore

/// A CSV file read into points: numeric feature columns, one label column with 2 to 20 classes,
/// and, when the file has one (as `export data` writes), the train/test split.
public struct LoadedTable: Equatable, Sendable {
    var dataset: Dataset
    var labelColumn: String
    /// The text of each class in the file, in `classOrder`: `classes[c]` became class `c`.
    var classes: [String]
    /// Dataset indices by split, when the file has a `split` column.
    var split: Split?
    /// Why the label column was chosen, when `label=` did not name it.
    var labelReason: String? = nil
    /// Other columns whose names also say "label", now features.
    var otherLabels: [String] = []
}

enum CSVLoader {
    /// Errors name the file, the line and the column.
    static func load(_ text: String, file: String, label wanted: String?) throws -> LoadedTable {
        func fail(_ line: Int?, _ message: String) -> CommandError {
            CommandError("\(file)\(line.map { ":\($0)" } ?? ""): \(message)")
        }
        let records: [CSVFormat.Record]
        do {
            // The header and at most `Limits.points` rows, counted before any value is read.
            records = try CSVFormat.records(text, limit: Limits.points + 1)
        } catch CSVFormat.Failure.tooMany {
            throw fail(nil, "at most \(Limits.points) rows")
        } catch CSVFormat.Failure.openQuote(let line) {
            throw fail(line, "a quoted value is not closed on its line (line breaks inside quotes are not supported)")
        }
        guard let first = records.first else { throw fail(nil, "the file is empty") }
        // Names and labels are shown in tables, plots and transcripts: control characters in them are shown escaped.
        let header = first.fields.map(CommandError.printable)
        let lower = header.map { $0.lowercased() }
        let splitIndex = lower.firstIndex(of: "split"), indexIndex = lower.firstIndex(of: "index")
        let labelIndex: Int
        var reason: String?, others: [String] = []
        // Names that say "this is the label", most telling first.
        let labelNames = ["label", "class", "target", "y"]
        let candidates = labelNames.compactMap { lower.firstIndex(of: $0) }
        if let wanted {
            guard let i = header.firstIndex(of: wanted) else {
                throw fail(first.line, "no column '\(wanted)'" + Suggest.phrase(wanted, header) + " (columns: \(header.joined(separator: ", ")))")
            }
            labelIndex = i
        } else if indexIndex == 0, let splitIndex, splitIndex == header.count - 1, header.count >= 4 {
            // Laid out as `export data` writes it: the label is the column before split, whatever its name.
            labelIndex = splitIndex - 1
            reason = "the column before split, as export data writes"
        } else if let named = candidates.first {
            labelIndex = named
            reason = "its name (label, class, target, then y)"
            others = candidates.dropFirst().map { header[$0] }
        } else {
            labelIndex = header.count - 1
            reason = "place: the last column (none is named label, class, target or y)"
        }
        let skipped = Set([labelIndex] + [splitIndex, indexIndex].compactMap { $0 })
        let featureIndices = header.indices.filter { !skipped.contains($0) }
        guard featureIndices.count >= 2 else {
            throw fail(first.line, "needs at least two numeric feature columns besides the label '\(header[labelIndex])'")
        }
        guard featureIndices.count <= Limits.features else { throw fail(first.line, "at most \(Limits.features) feature columns") }

        let rows = records.dropFirst()
        var x: [Double] = [], labels: [String] = [], splits: [String] = []
        x.reserveCapacity(rows.count * featureIndices.count)
        for row in rows {
            guard row.fields.count == header.count else { throw fail(row.line, "\(row.fields.count) values, the header has \(header.count)") }
            for j in featureIndices {
                let cell = row.fields[j]
                guard !cell.isEmpty else { throw fail(row.line, "column \(header[j]) is empty") }
                guard let v = Double(cell), v.isFinite else { throw fail(row.line, "column \(header[j]): '\(cell.prefix(30))' is not a number") }
                guard abs(v) <= Limits.magnitude else {
                    throw fail(row.line, "column \(header[j]): \(cell.prefix(30)) is too large; nnlab takes values up to "
                                + "\(Text.number(Limits.magnitude)) in size (divide the column by a power of ten)")
                }
                x.append(v)
            }
            let label = CommandError.printable(row.fields[labelIndex])
            guard !label.isEmpty else { throw fail(row.line, "column \(header[labelIndex]) (the label) is empty") }
            labels.append(label)
            if let splitIndex { splits.append(row.fields[splitIndex]) }
        }
        guard !labels.isEmpty else { throw fail(nil, "no rows after the header") }
        let classes = Set(labels).sorted(by: classOrder)
        guard (2...Limits.classes).contains(classes.count) else {
            throw fail(nil, "the label column \(header[labelIndex]) has \(classes.count) different value\(classes.count == 1 ? "" : "s") "
                       + "(\(classes.prefix(5).joined(separator: ", "))\(classes.count > 5 ? ", ..." : "")); nnlab needs from 2 to \(Limits.classes) classes")
        }
        let classIndex = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        // An index column holding each row's place (as export data writes) restores the data's own order;
        // the file's row order is then the split's order.
        let n = labels.count, d = featureIndices.count
        var place = Array(0..<n)
        if let indexIndex {
            let given = rows.map { Int($0.fields[indexIndex]) }
            if given.allSatisfy({ $0 != nil }), Set(given.map { $0! }) == Set(0..<n) { place = given.map { $0! } }
        }
        var ordered = [Double](repeating: 0, count: n * d), y = [Int](repeating: 0, count: n)
        for r in 0..<n {
            for j in 0..<d { ordered[place[r] * d + j] = x[r * d + j] }
            y[place[r]] = classIndex[labels[r]]!
        }
        let dataset = Dataset(x: ordered, y: y, features: d, featureNames: featureIndices.map { header[$0] }, classNames: classes)
        var split: Split?
        if splitIndex != nil {
            if let odd = splits.firstIndex(where: { !["train", "test", "none"].contains($0) }) {
                throw fail(rows[rows.startIndex + odd].line, "column split: '\(CommandError.printable(String(splits[odd].prefix(20))))' is not train, test or none")
            }
            split = Split(train: splits.indices.filter { splits[$0] == "train" }.map { place[$0] },
                          test: splits.indices.filter { splits[$0] == "test" }.map { place[$0] })
        }
        return LoadedTable(dataset: dataset, labelColumn: header[labelIndex], classes: classes, split: split,
                           labelReason: reason, otherLabels: others)
    }

    /// Class order, the same on every run: numbers by value (`0` before `1`, so they keep their
    /// meaning), then text; labels with the same value (`1`, `1.0`, `01`) by their text.
    static func classOrder(_ a: String, _ b: String) -> Bool {
        switch (Double(a).flatMap { $0.isFinite ? $0 : nil }, Double(b).flatMap { $0.isFinite ? $0 : nil }) {
        case let (x?, y?) where x != y: return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return a < b
        }
    }
}
