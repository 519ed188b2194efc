import Foundation

/// The tables of the ziggurat method for standard-normal samples (``SeededRandom/normal()``):
/// 128 blocks of equal area `v` under `f(x) = exp(−x²/2)`, the bottom one holding the tail
/// beyond `r`; computed once from `r` and `v` (Doornik 2005, `zigNorInit`).
enum Ziggurat {
    /// Where the tail starts (r for 128 blocks).
    static let tailStart = 3.442619855899
    /// The area of each block.
    static let blockArea = 9.91256303526217e-3
    static let blocks = 128

    /// `x[i]`, the right edge of block i (`x[0] = v / f(r)` for the bottom block, `x[1] = r`,
    /// down to `x[128] = 0`).
    static let x: [Double] = {
        var x = [Double](repeating: 0, count: blocks + 1)
        var f = exp(-0.5 * tailStart * tailStart)
        x[0] = blockArea / f
        x[1] = tailStart
        for i in 2..<blocks {
            x[i] = (-2 * log(blockArea / x[i - 1] + f)).squareRoot()
            f = exp(-0.5 * x[i] * x[i])
        }
        return x
    }()

    /// `x[i + 1] / x[i]`: a uniform abscissa below it lies in the part of block i entirely under f.
    static let ratio: [Double] = (0..<blocks).map { x[$0 + 1] / x[$0] }
}
