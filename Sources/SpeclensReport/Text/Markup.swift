/// Text in `Language` that is safe to write out as it is.
///
/// A value comes into being only in one of these ways:
/// - `init(escaping:)`: untrusted text (tensor names, paths, run ids, metadata) escaped for
///   `Language`, so that it stays text;
/// - a string literal, or string interpolation: the literal parts are markup written in the
///   source; every interpolated `String` is escaped, every interpolated `Markup` of the same
///   language is inserted as it is, integers are written in decimal;
/// - `init(trustedMarkup:)`: the output of a builder that escaped everything it inserted (cmark
///   over escaped Markdown, Mustache over typed models, the SVG writer), or the report's own
///   template files.
///
/// So a field of this type carries markup by construction, whatever it is named.
struct Markup<Language: MarkupLanguage>: Sendable, Hashable {
    /// The text in `Language`, ready to be written.
    private(set) var escaped: String

    /// `text` escaped for `Language`: it reads as the same literal text.
    init(escaping text: String) {
        escaped = Language.escape(text)
    }

    /// Markup produced by a builder that escaped everything it inserted, or read from the report's
    /// own templates. Never pass text that comes from a dataset.
    init(trustedMarkup: String) {
        escaped = trustedMarkup
    }

    /// No text.
    static var empty: Markup { Markup(trustedMarkup: "") }

    /// Whether there is no text.
    var isEmpty: Bool { escaped.isEmpty }

    /// `lhs` followed by `rhs`.
    static func + (lhs: Markup, rhs: Markup) -> Markup {
        Markup(trustedMarkup: lhs.escaped + rhs.escaped)
    }

    /// Appends `rhs`.
    static func += (lhs: inout Markup, rhs: Markup) {
        lhs.escaped += rhs.escaped
    }
}

extension Markup where Language == HTMLLanguage {
    /// An SVG document written by `SVGBuilder`, inline in an HTML page: XML-escaped SVG is valid
    /// HTML markup.
    init(inlineSVG svg: XMLText) {
        self.init(trustedMarkup: svg.escaped)
    }
}

extension Markup: ExpressibleByStringInterpolation {
    /// A literal from the source (a `StaticString`, so text built at run time cannot pass as one).
    init(stringLiteral literal: StaticString) {
        escaped = literal.description
    }

    init(stringInterpolation: StringInterpolation) {
        escaped = stringInterpolation.text
    }

    /// Builds markup from literal parts (trusted) and interpolated values (escaped unless they
    /// already are markup of the same language).
    struct StringInterpolation: StringInterpolationProtocol {
        fileprivate var text = ""

        init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + 16 * interpolationCount)
        }

        mutating func appendLiteral(_ literal: StaticString) {
            text += literal.description
        }

        /// Untrusted or plain text: escaped.
        mutating func appendInterpolation(_ value: String) {
            text += Language.escape(value)
        }

        /// Markup of the same language: inserted as it is.
        mutating func appendInterpolation(_ markup: Markup) {
            text += markup.escaped
        }

        /// A whole number, in decimal.
        mutating func appendInterpolation<Number: BinaryInteger>(_ number: Number) {
            text += String(number)
        }
    }
}

extension Sequence {
    /// The markup values joined with `separator` between them.
    func joined<Language>(separator: Markup<Language>) -> Markup<Language> where Element == Markup<Language> {
        Markup(trustedMarkup: map(\.escaped).joined(separator: separator.escaped))
    }
}
