/// How a map with k ≥ 3 classes tells them apart (two classes keep `Palette` and `Glyphs`): a colour from the
/// Okabe–Ito palette, which people with any common colour-vision deficiency can tell apart, and, for print and
/// plain text, a shape or letter of its own. Past eight classes the colours repeat, never with the same shape.
enum ClassStyle {
    /// Okabe & Ito's eight colours in the order classes take them (the SVG uses them as published; the terminal
    /// the nearest xterm-256 colour), blue and orange first as the most distinct pair.
    static let colours = [
        Colour(ansi: 25, hex: "#0072b2"), Colour(ansi: 178, hex: "#e69f00"), Colour(ansi: 35, hex: "#009e73"),
        Colour(ansi: 166, hex: "#d55e00"), Colour(ansi: 175, hex: "#cc79a7"), Colour(ansi: 74, hex: "#56b4e9"),
        Colour(ansi: 221, hex: "#f0e442"), Colour(ansi: 16, hex: "#000000"),
    ]

    /// Each colour's pale tint for the regions, picked from the xterm-256 colours so that no two coincide there
    /// (tints mixed with white collapse onto two or three terminal colours) and the SVG shows the same.
    static let tints = [
        Colour(ansi: 153, hex: "#afd7ff"), Colour(ansi: 223, hex: "#ffd7af"), Colour(ansi: 158, hex: "#afffd7"),
        Colour(ansi: 217, hex: "#ffafaf"), Colour(ansi: 225, hex: "#ffd7ff"), Colour(ansi: 195, hex: "#d7ffff"),
        Colour(ansi: 229, hex: "#ffffaf"), Colour(ansi: 252, hex: "#d0d0d0"),
    ]

    static func point(_ label: Int) -> Colour { colours[max(label, 0) % colours.count] }
    static func region(_ label: Int) -> Colour { tints[max(label, 0) % tints.count] }

    /// The SVG shape: eight of them, shifted by one for every lap of the colours, so that class 8 is not class 0 again.
    static func shape(_ label: Int) -> Int { (max(label, 0) + max(label, 0) / colours.count) % shapes.count }

    /// SVG marker outlines, as corners on a unit radius (y down) for a polygon; circle and square are drawn as such.
    static let shapes: [[(Double, Double)]?] = [
        nil, nil,
        [(0, -1.15), (1, 0.6), (-1, 0.6)],                               // triangle
        [(0, -1.2), (1.2, 0), (0, 1.2), (-1.2, 0)],                       // diamond
        [(0, 1.15), (1, -0.6), (-1, -0.6)],                               // triangle pointing down
        [(-0.35, -1), (0.35, -1), (0.35, -0.35), (1, -0.35), (1, 0.35), (0.35, 0.35), (0.35, 1), (-0.35, 1),
         (-0.35, 0.35), (-1, 0.35), (-1, -0.35), (-0.35, -0.35)],       // plus
        [(-0.5, -0.87), (0.5, -0.87), (1, 0), (0.5, 0.87), (-0.5, 0.87), (-1, 0)],  // hexagon
        [(0, -1.2), (0.28, -0.38), (1.14, -0.37), (0.45, 0.15), (0.71, 0.97), (0, 0.47), (-0.71, 0.97), (-0.45, 0.15),
         (-1.14, -0.37), (-0.28, -0.38)],                                 // star
    ]

    /// A terminal point: the class's letter (a, b, c, ...), a capital for a test point, `@` when highlighted.
    /// A misclassified one keeps its letter, shown inverted in colour and on another class's region in plain text.
    static func glyph(_ p: PlotPoint) -> Character {
        if p.highlighted { return "@" }
        return letter(p.label, test: p.isTest)
    }

    static func letter(_ label: Int, test: Bool = false) -> Character {
        let scalar = Unicode.Scalar(UInt8(test ? 65 : 97) + UInt8(min(max(label, 0), 25)))
        return Character(scalar)
    }

    /// Plain-text region textures, one per class: class 0 dotted and class 1 blank as on a two-class map, then
    /// marks that no letter uses; past eight classes the textures repeat (the letters on them still differ).
    static func texture(_ label: Int, unicode: Bool) -> Character {
        let marks: [Character] = [unicode ? "·" : ".", " ", "-", ":", "'", "~", "\"", "^"]
        return marks[max(label, 0) % marks.count]
    }
}
