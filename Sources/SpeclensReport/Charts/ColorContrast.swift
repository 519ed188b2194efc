import Foundation

/// WCAG 2.1 relative luminance and contrast ratio of `#rrggbb` colours: graphics and chart lines
/// need at least 3 : 1 against their background (success criterion 1.4.11).
enum ColorContrast {
    /// The minimum contrast for graphical objects.
    static let graphicsMinimum = 3.0

    /// The relative luminance of `#rrggbb` (0 black … 1 white); nil for other text.
    static func luminance(_ hex: String) -> Double? {
        let digits = Array(hex.dropFirst())
        guard hex.hasPrefix("#"), digits.count == 6 else { return nil }
        var channels: [Double] = []
        for offset in stride(from: 0, to: 6, by: 2) {
            guard let value = Int(String(digits[offset..<offset + 2]), radix: 16) else { return nil }
            let c = Double(value) / 255
            channels.append(c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4))
        }
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    }

    /// `(L_lighter + 0.05) / (L_darker + 0.05)`, from 1 to 21; nil when either is not `#rrggbb`.
    static func ratio(_ a: String, _ b: String) -> Double? {
        guard let la = luminance(a), let lb = luminance(b) else { return nil }
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }
}
