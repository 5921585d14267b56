import Foundation
import HummingbirdTesting
import MercatoCore
import MercatoTestSupport
import Testing
@testable import IdentityService

@Suite struct SigningKeyServiceTests {
    @Test func refusesToStartWithoutAKeyEncryptionKey() async throws {
        let environment = try await IdentityTestApp.environment(extra: ["identity.keyEncryptionKey": ""])
        await #expect(throws: IdentityStartupError.self) { _ = try await IdentityService.buildApplication(environment: environment) }
        let short = try await IdentityTestApp.environment(extra: ["identity.keyEncryptionKey": "c2hvcnQ="])
        await #expect(throws: SigningKeyCipher.Failure.self) { _ = try await IdentityService.buildApplication(environment: short) }
    }

    @Test func rotationIsPickedUpWithoutRestartAndOldKeysStayPublished() async throws {
        let environment = try await IdentityTestApp.environment()
        let built = try await IdentityService.buildApplication(environment: environment)
        try await built.app.test(.router) { client in
            let tokens = try await client.customerTokens()
            let oldKid = try JSONWebToken.keyID(of: tokens.access)
            let cipher = try SigningKeyCipher(base64: IdentityTestApp.keyEncryptionKey)
            let newKid = try await SigningKeyStore(database: environment.database, cipher: cipher).addKey()

            let again = try #require(try await client.login("ann@example.com").string("access_token"))
            #expect(try JSONWebToken.keyID(of: again) == newKid)
            let jwks = try JSONDecoder().decode(JWKS.self, from: Data(buffer: try await client.send(.get, "/.well-known/jwks.json").body))
            #expect(jwks.keys.map(\.kid) == [newKid, oldKid])
            // Tokens signed with the old key are still accepted.
            #expect(try await client.send(.get, "/api/v1/users/me", token: tokens.access).status == .ok)
            #expect(try await client.send(.get, "/api/v1/users/me", token: again).status == .ok)
        }
    }

    @Test func replicasStartingTogetherCreateOneKey() async throws {
        let environment = try await IdentityTestApp.environment()
        let built = try await IdentityService.buildApplication(environment: environment)
        try await built.app.test(.router) { _ in
            let cipher = try SigningKeyCipher(base64: IdentityTestApp.keyEncryptionKey)
            let store = SigningKeyStore(database: environment.database, cipher: cipher)
            let created = try await withThrowingTaskGroup(of: String?.self) { group in
                for _ in 0..<4 { group.addTask { try await store.ensureKey() } }
                return try await group.reduce(into: [String]()) { if let kid = $1 { $0.append(kid) } }
            }
            #expect(created.isEmpty)  // start-up already made the one key
            #expect(try await store.all().keys.count == 1)
        }
    }

    @Test func adminSeedWritesAGeneratedPasswordOnceAndIsIdempotent() async throws {
        let dataDir = NSTemporaryDirectory() + "identity-seed-" + UUID().uuidString
        let postgres = try await TestPostgres.freshDatabase(prefix: "identity_seed")
        var values = IdentityTestApp.values(dataDir: dataDir)
        values["admin.password"] = nil
        let environment = TestEnvironment.make(definition: IdentityService.definition, postgres: postgres, values: values)
        try await IdentityService.buildApplication(environment: environment).app.test(.router) { client in
            let path = dataDir + "/secrets/admin-password"
            let password = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            #expect(try await client.login(IdentityTestApp.adminEmail, password: password).status == .ok)
        }
        // A second start finds the admin and changes nothing, not even the password file.
        let path = dataDir + "/secrets/admin-password"
        try "overwritten?\n".write(toFile: path, atomically: false, encoding: .utf8)
        let again = TestEnvironment.make(definition: IdentityService.definition, postgres: postgres, values: values)
        try await IdentityService.buildApplication(environment: again).app.test(.router) { _ in }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "overwritten?\n")
    }
}
