/// XML (SVG) that is safe to write as it is (see `Markup`).
typealias XMLText = Markup<XMLLanguage>
