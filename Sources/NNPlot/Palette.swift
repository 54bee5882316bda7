/// The colours both renderers use, each as an xterm-256 index and the same colour in hex,
/// so the terminal and the SVG tell one story.
struct Colour: Equatable {
    let ansi: Int
    let hex: String
}

enum Palette {
    /// Regions are pale, so the dark point glyphs read on top; deeper where the model is sure
    /// (P(class 1) below `sure` or above 1 - `sure`), pale where it is unsure (between those and 0.5).
    /// Class 1's sure side is gold rather than salmon: the red class-1 points blurred into salmon.
    static func region(_ p: Double) -> Colour {
        switch p {
        case ..<sure: return Colour(ansi: 111, hex: "#87afff")
        case ..<0.5: return Colour(ansi: 153, hex: "#afd7ff")
        case ..<(1 - sure): return Colour(ansi: 223, hex: "#ffd7af")
        default: return Colour(ansi: 222, hex: "#ffd787")
        }
    }

    static let sure = 0.2

    /// The probabilities a region swatch shows, deep (sure) then pale (unsure), as `region(_:)` shades them.
    static func regionShades(_ label: Int) -> (deep: Double, pale: Double) { label == 0 ? (0, 0.4) : (1, 0.6) }

    static func point(_ label: Int) -> Colour {
        label == 0 ? Colour(ansi: 19, hex: "#0000af") : Colour(ansi: 124, hex: "#af0000")
    }

    static let paper = Colour(ansi: 255, hex: "#eeeeee")
    /// Highlighted points: green, in neither class's palette, so it shows on both regions and on paper
    /// (gold vanished into class 1's region).
    static let highlight = Colour(ansi: 40, hex: "#00d700")
    /// Misclassified points' ring in the SVG: a hue in neither class palette, visible on both regions.
    static let wrong = Colour(ansi: 163, hex: "#d700af")
    static let white = Colour(ansi: 231, hex: "#ffffff")
    static let ink = Colour(ansi: 16, hex: "#000000")
    static let boundary = Colour(ansi: 236, hex: "#303030")
    static let marker = Colour(ansi: 244, hex: "#808080")
    static let grid = Colour(ansi: 253, hex: "#dadada")

    static func series(_ role: Series.Role) -> Colour { series(style: role.style) }

    /// Blue, orange, green, purple: apart in hue and in lightness.
    static func series(style: Int) -> Colour {
        [Colour(ansi: 33, hex: "#0087ff"), Colour(ansi: 208, hex: "#ff8700"), Colour(ansi: 28, hex: "#008700"),
         Colour(ansi: 91, hex: "#8700af")][style]
    }

    /// Where train and test curves share a terminal cell (ASCII charts; with Unicode the test line is drawn over the train line).
    static let bothSeries = Colour(ansi: 135, hex: "#af5fff")
}
