public struct TerminalOptions: Sendable {
    /// Width to fit; below 30 columns a plot cannot be read, so narrower requests get 30.
    public var columns: Int
    /// ANSI 256-colour regions and points; off gives plain text that is the same on every run.
    public var color: Bool
    /// Box-drawing lines, `·` and half blocks; off keeps to ASCII.
    public var unicode: Bool
    /// Lines the whole figure may take (a terminal's height less the prompt), so that its title does
    /// not scroll away; nil: the usual height.
    public var rows: Int?

    public init(columns: Int = 80, color: Bool = false, unicode: Bool = true, rows: Int? = nil) {
        self.columns = columns
        self.color = color
        self.unicode = unicode
        self.rows = rows
    }
}

/// The characters a terminal figure is drawn with, in Unicode or in ASCII.
struct Glyphs {
    let horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: Character
    let leftTick, bottomTick, markerLine, levelLine, region0: Character
    let ellipsis: String

    static let unicode = Glyphs(horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└",
                                bottomRight: "┘", leftTick: "┤", bottomTick: "┬", markerLine: "┊", levelLine: "┄", region0: "·",
                                ellipsis: "…")
    static let ascii = Glyphs(horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+",
                              bottomRight: "+", leftTick: "+", bottomTick: "+", markerLine: ":", levelLine: "-", region0: ".",
                              ellipsis: "...")

    // Points use ASCII in both sets: they must read in any font. Class 0 is o, class 1 is x, capitals are test
    // points; a misclassified one keeps its class and split without colour: c (an open o) and y (an x missing an arm).
    static func point(_ p: PlotPoint) -> Character {
        if p.highlighted { return "@" }
        let glyph: Character = p.label == 0 ? (p.wrong ? "c" : "o") : (p.wrong ? "y" : "x")
        return p.isTest ? Character(glyph.uppercased()) : glyph
    }

    static let curveStyles = 4
    static func curve(_ role: Series.Role) -> Character { ["*", "+", "o", "="][role.style] }
    /// A stretch of each curve as the Unicode chart draws it: thin Braille dots for train (and a first run), a thick
    /// half-block line for test (and a second run), then dots and crosses, one a cell.
    static func curveSample(_ role: Series.Role) -> String { ["⠤⠤", "▄▄", "••", "××"][role.style] }
    /// The Unicode glyph of styles 2 and 3 (0 and 1 are drawn finer, from the dots).
    static func curveMark(_ style: Int) -> Character { style == 2 ? "•" : "×" }
    static let bothCurves: Character = "#"
    /// A range bar: thin for train (and a first run), thick for test, as their curves are drawn.
    static func rangeBar(_ role: Series.Role, unicode: Bool) -> Character {
        role.style % 2 == 0 ? (unicode ? "╎" : ":") : (unicode ? "┃" : "|")
    }
}
