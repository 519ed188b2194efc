/// HTML that is safe to insert into a page as it is (see `Markup`).
typealias HTMLText = Markup<HTMLLanguage>
