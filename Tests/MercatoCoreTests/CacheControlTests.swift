import MercatoCore
import Testing

@Suite struct CacheControlTests {
    @Test func noCacheOrMaxAgeZeroAmongAnyDirectivesAsksForAFreshRead() {
        #expect(CacheControl.requiresFreshRead("no-cache"))
        #expect(CacheControl.requiresFreshRead("private, No-Cache"))
        #expect(CacheControl.requiresFreshRead("max-age=0"))
        #expect(!CacheControl.requiresFreshRead(nil))
        #expect(!CacheControl.requiresFreshRead(""))
        #expect(!CacheControl.requiresFreshRead("max-age=60"))
        #expect(!CacheControl.requiresFreshRead("no-store-please"))
    }
}
