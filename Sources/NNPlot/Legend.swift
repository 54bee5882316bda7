/// What a figure's legend explains, derived from what the figure shows;
/// each renderer pairs an entry with its own glyph or swatch.
enum LegendEntry: Equatable {
    case points(label: Int)
    case testPoints
    case wrong(count: Int)
    case highlighted(count: Int)
    case region(label: Int)
    case series(Series.Role, name: String)
    case band(Series.Role, name: String)
    case marker(label: String)
    case chance(loss: Double, classes: Int)
    /// A class of three or more, by name: its points, and the region the model gives it.
    case classPoints(label: Int, name: String)
    case classRegion(label: Int, name: String)
    /// Misclassified points among three or more classes: inverted in colour, else told by the region they sit on.
    case classWrong(count: Int)

    /// The words beside the swatch; `shaded` when regions are drawn in two shades a class (colour, SVG),
    /// which the words then explain.
    func text(shaded: Bool) -> String {
        switch self {
        case .region(let label) where shaded:
            let edge = NumberFormat.short(label == 0 ? Palette.sure : 1 - Palette.sure)
            let (deep, pale) = label == 0 ? ("< \(edge)", "\(edge) to 0.5") : ("> \(edge)", "0.5 to \(edge)")
            return "model predicts \(label): deep = sure, P(class 1) \(deep); pale = unsure, \(pale)"  // fits 80 columns
        case .chance(let loss, let k) where k > 2:
            return "chance: loss \(NumberFormat.short(loss, significant: 3)) (log \(k), each of \(k) classes equally likely)"
        case .chance(let loss, _): return "chance: loss \(NumberFormat.short(loss, significant: 3)) (log 2, a coin flip)"
        case .classPoints(_, let name): return name
        case .classRegion(_, let name): return "model predicts \(name)"
        case .classWrong(let count) where shaded: return "misclassified (\(count))"
        case .classWrong(let count): return "misclassified (\(count)): a letter on another class's region"
        case .points(let label): return "class \(label)"
        case .testPoints: return "test points"
        case .wrong(let count): return "misclassified (\(count))"
        case .highlighted(let count): return "highlighted (\(count))"
        case .region(let label): return "model predicts \(label)"
        case .series(_, let name), .band(_, let name): return name
        case .marker(let label): return label
        }
    }
}

extension Figure {
    /// Legend entries in groups (points, regions, curves, their ranges); each group starts a new legend line.
    var legend: [[LegendEntry]] {
        var points: [LegendEntry] = []
        if !self.points.isEmpty {
            points = classNames.map { $0.enumerated().map { .classPoints(label: $0, name: $1) } } ?? [.points(label: 0), .points(label: 1)]
            if self.points.contains(where: \.isTest) { points.append(.testPoints) }
            let wrong = self.points.filter(\.wrong).count, highlighted = self.points.filter(\.highlighted).count
            if wrong > 0 { points.append(classNames == nil ? .wrong(count: wrong) : .classWrong(count: wrong)) }
            if highlighted > 0 { points.append(.highlighted(count: highlighted)) }
        }
        var regions: [LegendEntry] = self.regions == nil ? [] : [.region(label: 0), .region(label: 1)]
        if classRegions != nil, let names = classNames { regions = names.enumerated().map { .classRegion(label: $0, name: $1) } }
        let curves = series.map { LegendEntry.series($0.role, name: $0.name) } + (marker.map { [.marker(label: $0.label)] } ?? [])
            + (chanceLoss.map { [.chance(loss: $0, classes: classNames?.count ?? 2)] } ?? [])
        let bands = self.bands.map { LegendEntry.band($0.role, name: $0.name) }
        return [points, regions, curves, bands].filter { !$0.isEmpty }
    }
}
