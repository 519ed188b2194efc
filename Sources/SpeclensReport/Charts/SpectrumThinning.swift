import Foundation

/// Which ranks of a long spectrum are drawn: all of them up to `limit` points; beyond, the first
/// 100 ranks exactly, then ranks spaced evenly on a log scale up to the last one, and every rank in
/// `keep` (intruders). The CSV next to a chart always holds every value.
enum SpectrumThinning {
    static let exactPrefix = 100

    static func ranks(count: Int, limit: Int, keep: Set<Int> = []) -> [Int] {
        guard count > 0 else { return [] }
        guard count > limit, limit > exactPrefix + 2 else { return Array(0..<count) }
        var chosen = Set(0..<exactPrefix)
        let rest = limit - exactPrefix
        let lo = log(Double(exactPrefix))
        let hi = log(Double(count - 1))
        for step in 0...rest {
            let rank = Int(exp(lo + (hi - lo) * Double(step) / Double(rest)).rounded())
            chosen.insert(min(count - 1, max(exactPrefix, rank)))
        }
        chosen.insert(count - 1)
        for rank in keep where rank >= 0 && rank < count { chosen.insert(rank) }
        return chosen.sorted()
    }
}
