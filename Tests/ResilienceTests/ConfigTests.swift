import Configuration
import Resilience
import Testing

/// Resilience and service-auth settings: per-downstream keys win over shared ones, defaults otherwise.
@Suite struct ConfigTests {
    @Test func downstreamKeysOverrideSharedKeysOverrideDefaults() {
        let reader = ConfigReader(provider: InMemoryProvider(values: [
            "resilience.maxAttempts": 5,
            "resilience.catalog.maxAttempts": 2,
            "resilience.catalog.breakerOpenDuration": 30.0,
            "resilience.timeout": 7.5,
        ]))
        let catalog = DownstreamPolicy(reader: reader, downstream: "catalog")
        #expect(catalog.retry.maxAttempts == 2)
        #expect(catalog.breaker.openDuration == .seconds(30))
        #expect(catalog.timeout == .seconds(7.5))
        let payments = DownstreamPolicy(reader: reader, downstream: "payments")
        #expect(payments.retry.maxAttempts == 5)
        #expect(payments.breaker.openDuration == .seconds(10))
        #expect(payments.maxConcurrentCalls == 64)
        #expect(payments.retryBudget == .init(ratio: 0.2, minimumRetries: 10, window: .seconds(10)))
    }

    @Test func serviceAuthDefaultsToTheServiceNameAndOmitsEmptyFields() {
        let reader = ConfigReader(provider: InMemoryProvider(values: ["serviceAuth.clientSecret": "s3cret"]))
        let config = ServiceAuthConfig(reader: reader, serviceName: "orders")
        #expect(config.clientID == "orders")
        #expect(config.clientSecret == "s3cret")
        #expect(config.tokenURL == "http://127.0.0.1:8081/oauth/token")
        #expect(config.audience == nil)
        #expect(config.scope == nil)
        #expect(config.refreshMargin == .seconds(30))
    }
}
