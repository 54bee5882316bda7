import Foundation
import NNCore
import SwiftCSV

/// A CSV file read into points: numeric feature columns, one label column with two classes,
/// and, when the file has one (as `export data` writes), the train/test split.
public struct LoadedTable: Equatable, Sendable {
    var dataset: Dataset
    var labelColumn: String
    /// The text of each class in the file: `classes[0]` became 0, `classes[1]` became 1.
    var classes: [String]
    /// Dataset indices by split, when the file has a `split` column.
    var split: Split?
}

enum CSVLoader {
    /// Commas outside double quotes, plus one.
    static func fieldCount(_ line: Substring) -> Int {
        var inQuotes = false, count = 1
        for c in line {
            if c == "\"" { inQuotes.toggle() } else if c == "," && !inQuotes { count += 1 }
        }
        return count
    }

    /// Errors name the file, the line and the column.
    static func load(_ text: String, file: String, label wanted: String?) throws -> LoadedTable {
        func fail(_ line: Int?, _ message: String) -> CommandError {
            CommandError("\(file)\(line.map { ":\($0)" } ?? ""): \(message)")
        }
        guard !text.allSatisfy(\.isWhitespace) else { throw fail(nil, "the file is empty") }
        let csv: CSV<Enumerated>
        do {
            csv = try CSV<Enumerated>(string: text, delimiter: .comma, loadColumns: false)
        } catch {
            throw fail(nil, "not readable as CSV (\(error))")
        }
        // Column names are shown in tables and plots: control characters in them are shown escaped.
        let header = csv.header.map { CommandError.printable($0.trimmingCharacters(in: .whitespaces)) }
        // Lines are counted from the header as line 1; quoted line breaks would break that count.
        guard !text.contains("\"") || !csv.rows.joined().contains(where: { $0.contains("\n") }) else {
            throw fail(nil, "values with line breaks inside quotes are not supported")
        }
        let lower = header.map { $0.lowercased() }
        let labelIndex: Int
        if let wanted {
            guard let i = header.firstIndex(of: wanted) else {
                throw fail(1, "no column '\(wanted)'" + Suggest.phrase(wanted, header) + " (columns: \(header.joined(separator: ", ")))")
            }
            labelIndex = i
        } else {
            labelIndex = ["label", "y", "class", "target"].lazy.compactMap { lower.firstIndex(of: $0) }.first ?? header.count - 1
        }
        let splitIndex = lower.firstIndex(of: "split")
        let skipped = Set([labelIndex] + [splitIndex, lower.firstIndex(of: "index")].compactMap { $0 })
        let featureIndices = header.indices.filter { !skipped.contains($0) }
        guard featureIndices.count >= 2 else {
            throw fail(1, "needs at least two numeric feature columns besides the label '\(header[labelIndex])'")
        }
        guard featureIndices.count <= Limits.features else { throw fail(1, "at most \(Limits.features) feature columns") }
        guard csv.rows.count <= Limits.points else { throw fail(nil, "at most \(Limits.points) rows (got \(csv.rows.count))") }

        // SwiftCSV pads or spreads rows whose field count is off, so count each line's fields ourselves.
        let physical = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (i, raw) in physical.enumerated().dropFirst() where !raw.allSatisfy(\.isWhitespace) {
            let count = fieldCount(raw)
            guard count == header.count else { throw fail(i + 1, "\(count) values, the header has \(header.count)") }
        }
        var x: [Double] = [], labels: [String] = [], splits: [String] = []
        x.reserveCapacity(csv.rows.count * featureIndices.count)
        for (r, row) in csv.rows.enumerated() {
            let line = r + 2
            guard row.count == header.count else { throw fail(line, "\(row.count) values, the header has \(header.count)") }
            for j in featureIndices {
                let cell = row[j].trimmingCharacters(in: .whitespaces)
                guard !cell.isEmpty else { throw fail(line, "column \(header[j]) is empty") }
                guard let v = Double(cell), v.isFinite else { throw fail(line, "column \(header[j]): '\(cell.prefix(30))' is not a number") }
                x.append(v)
            }
            let label = row[labelIndex].trimmingCharacters(in: .whitespaces)
            guard !label.isEmpty else { throw fail(line, "column \(header[labelIndex]) (the label) is empty") }
            labels.append(label)
            if let splitIndex { splits.append(row[splitIndex].trimmingCharacters(in: .whitespaces)) }
        }
        guard !labels.isEmpty else { throw fail(nil, "no rows after the header") }
        let classes = Array(Set(labels)).sorted { a, b in
            // Numbers in numeric order, so 0 stays 0 and 1 stays 1.
            if let x = Double(a), let y = Double(b) { return x < y }
            return a < b
        }
        guard classes.count == 2 else {
            throw fail(nil, "the label column \(header[labelIndex]) has \(classes.count) different values (\(classes.prefix(5).joined(separator: ", "))); nnlab needs exactly two classes")
        }
        // An index column holding each row's place (as export data writes) restores the data's own order;
        // the file's row order is then the split's order.
        let n = labels.count, d = featureIndices.count
        var place = Array(0..<n)
        if let indexColumn = lower.firstIndex(of: "index") {
            let given = csv.rows.map { Int($0[indexColumn].trimmingCharacters(in: .whitespaces)) }
            if given.allSatisfy({ $0 != nil }), Set(given.map { $0! }) == Set(0..<n) { place = given.map { $0! } }
        }
        var ordered = [Double](repeating: 0, count: n * d), y = [Int](repeating: 0, count: n)
        for r in 0..<n {
            for j in 0..<d { ordered[place[r] * d + j] = x[r * d + j] }
            y[place[r]] = labels[r] == classes[0] ? 0 : 1
        }
        let dataset = Dataset(x: ordered, y: y, features: d, featureNames: featureIndices.map { header[$0] })
        var split: Split?
        if splitIndex != nil {
            if let odd = splits.firstIndex(where: { !["train", "test", "none"].contains($0) }) {
                throw fail(odd + 2, "column split: '\(splits[odd].prefix(20))' is not train, test or none")
            }
            split = Split(train: splits.indices.filter { splits[$0] == "train" }.map { place[$0] },
                          test: splits.indices.filter { splits[$0] == "test" }.map { place[$0] })
        }
        return LoadedTable(dataset: dataset, labelColumn: header[labelIndex], classes: classes, split: split)
    }
}
