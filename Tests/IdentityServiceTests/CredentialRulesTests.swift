import MercatoCore

import Testing
@testable import IdentityService

@Suite struct CredentialRulesTests {
    @Test func emailIsTrimmedAndLowercased() {
        #expect(EmailAddress.normalize("  Ann.Lee@Example.COM \n") == "ann.lee@example.com")
    }

    @Test func emailShapeIsChecked() {
        #expect(EmailAddress.problem(with: "ann@example.com") == nil)
        #expect(EmailAddress.problem(with: "") == "is required")
        for bad in ["ann", "ann@", "@example.com", "ann@example", "a b@example.com", "ann@@example.com", "ann@example..com"] {
            #expect(EmailAddress.problem(with: bad) != nil, "\(bad)")
        }
        #expect(EmailAddress.problem(with: String(repeating: "a", count: 250) + "@x.io") != nil)
    }

    @Test func tombstoneAddressIsInvalidDomain() {
        #expect(EmailAddress.tombstone(userID: "42") == "deleted-42@invalid")
    }

    @Test func passwordNeedsTenCharactersAndMustNotBeTheEmail() {
        #expect(PasswordPolicy.problem(with: "short", email: "a@b.co") != nil)
        #expect(PasswordPolicy.problem(with: "123456789", email: "a@b.co") != nil)
        #expect(PasswordPolicy.problem(with: "1234567890", email: "a@b.co") == nil)
        #expect(PasswordPolicy.problem(with: "Ann@Example.com", email: "ann@example.com") == "must not be the e-mail address")
        #expect(PasswordPolicy.problem(with: String(repeating: "x", count: 73), email: "a@b.co") != nil)
    }

    @Test func profileRules() {
        #expect(ProfileRules.nameProblem("Ann") == nil)
        #expect(ProfileRules.nameProblem("  ") == "is required")
        #expect(ProfileRules.nameProblem(String(repeating: "n", count: 101)) != nil)
        #expect(ProfileRules.phoneProblem("+49 30 1234567") == nil)
        #expect(ProfileRules.phoneProblem("(030) 123-4567") == nil)
        #expect(ProfileRules.phoneProblem("call me") != nil)
        #expect(ProfileRules.phoneProblem("123") != nil)
        #expect(ProfileRules.nameProblem("A\u{0}B") != nil)
        #expect(EmailAddress.normalize("a\u{0}@b.co") == "a@b.co")
        #expect(EmailAddress.problem(with: "a\u{7}@b.co") != nil)
        #expect(PasswordPolicy.problem(with: "0123456789\u{0}x", email: "a@b.co") != nil)
    }

    @Test func countriesAndPreferences() throws {
        #expect(CountryCode.isValid("DE"))
        #expect(!CountryCode.isValid("de"))
        #expect(!CountryCode.isValid("XX"))
        try UserPreferences.defaults.validate()
        var preferences = UserPreferences.defaults
        preferences.locale = "de-DE"
        try preferences.validate()
        preferences.locale = "german"
        #expect(throws: (any Error).self) { try preferences.validate() }
        preferences.locale = "en"
        preferences.currency = "eur"
        #expect(throws: (any Error).self) { try preferences.validate() }
    }
}
