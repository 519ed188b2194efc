/// How the second series of a stack's steps figure (each step against the previous step) is
/// drawn: the stack's colour, dotted, with a square marker (a diamond when the stack's is a
/// square), so it reads as the same
/// stack measured another way.
enum StepSeriesStyle {
    /// The style of the against-previous-step series of a stack drawn in `style`.
    static func againstPrevious(_ style: RunStyle) -> RunStyle {
        RunStyle(color: style.color, dash: "2 3", marker: style.marker == .square ? .diamond : .square)
    }
}
