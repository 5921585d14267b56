import Testing
@testable import NotificationsService

/// Tier: pure domain. Every template compiles; values are substituted as plain text; locales fall back.
@Suite struct TemplateRenderingTests {
    let renderer: NotificationRenderer

    init() throws { renderer = try NotificationRenderer() }

    @Test func everyKindHasTheFallbackLocale() {
        for kind in MessageKind.allCases {
            #expect(renderer.locales(of: kind).contains(NotificationTemplates.fallbackLocale), "\(kind)")
        }
    }

    @Test func welcomeNamesTheUserWithoutHTMLEscaping() {
        let message = renderer.render(.welcome, locale: "en", values: ["name": "Ada & <Bob>"])
        #expect(message.subject == "Welcome to Mercato, Ada & <Bob>!")
        #expect(message.body.hasPrefix("Hello Ada & <Bob>,\n"))
        #expect(message.body.contains("account is ready"))
    }

    @Test func priceDropShowsBothPrices() {
        let message = renderer.render(.priceDrop, locale: "en", values: [
            "product_name": "Espresso beans", "sku": "BEAN-1", "old_price": "12.99 EUR", "new_price": "9.49 EUR",
        ])
        #expect(message.subject == "Price drop: Espresso beans now 9.49 EUR")
        #expect(message.body.contains("Espresso beans (BEAN-1) dropped from 12.99 EUR to 9.49 EUR."))
    }

    @Test(arguments: [
        ("de", "de"), ("de-AT", "de"), ("de_at", "de"), ("DE", "de"), ("fr", "en"), ("", "en"), ("x-\u{0}", "en"),
    ])
    func localeFallsBackToLanguageThenEnglish(requested: String, resolved: String) {
        #expect(renderer.resolvedLocale(requested, for: .welcome) == resolved)
    }

    @Test func germanWelcomeAndMissingLocale() {
        #expect(renderer.render(.welcome, locale: "de-CH", values: ["name": "Zoë"]).subject == "Willkommen bei Mercato, Zoë!")
        #expect(renderer.render(.welcome, locale: nil, values: ["name": "Zoë"]).subject == "Welcome to Mercato, Zoë!")
    }

    @Test func subjectsStayOnOneLine() {
        let message = renderer.render(.welcome, locale: "en", values: ["name": "Ada\r\nBcc: evil@example.test"])
        #expect(!message.subject.contains("\n") && !message.subject.contains("\r"))
    }

    @Test func renderAllLocalesRendersEachOnce() {
        let all = renderer.renderAllLocales(.priceDrop, values: ["product_name": "Tea", "sku": "T", "old_price": "2.00 EUR", "new_price": "1.00 EUR"])
        #expect(all.map(\.locale) == ["de", "en"])
        #expect(all.allSatisfy { $0.message.subject.contains("Tea") })
    }

    @Test(arguments: [(1299, "EUR", "12.99 EUR"), (5, "EUR", "0.05 EUR"), (100, "USD", "1.00 USD"), (0, "EUR", "0.00 EUR"),
                      (1500, "JPY", "1500 JPY"), (-250, "EUR", "-2.50 EUR")])
    func pricesAreFormattedFromMinorUnits(amount: Int, currency: String, text: String) {
        #expect(PriceText.format(amount: amount, currency: currency) == text)
    }
}
