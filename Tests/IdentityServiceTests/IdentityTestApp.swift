import Configuration
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MercatoCore
import MercatoTestSupport
import NIOCore
import Testing
@testable import IdentityService

/// Builds identity on a fresh database with fast bcrypt and no login delays, plus request helpers.
enum IdentityTestApp {
    static let keyEncryptionKey = Data(repeating: 42, count: 32).base64EncodedString()
    static let adminEmail = "root@mercato.test"
    static let adminPassword = "admin-password-123"

    /// Configuration values for tests; `extra` overrides.
    static func values(dataDir: String, extra: [AbsoluteConfigKey: ConfigValue] = [:]) -> [AbsoluteConfigKey: ConfigValue] {
        var values: [AbsoluteConfigKey: ConfigValue] = [
            "identity.keyEncryptionKey": ConfigValue(.string(keyEncryptionKey), isSecret: true),
            "identity.bcryptCost": 4,
            "identity.loginDelayStep": 0.0,
            "identity.keyCacheSeconds": 0.0,
            "identity.clients": ConfigValue(.stringArray(["orders:orders-secret:catalog:stock.read stock.reserve", "mercato-cli:cli-secret:catalog orders payments:audit"]), isSecret: true),
            "admin.email": ConfigValue(.string(adminEmail), isSecret: false),
            "admin.password": ConfigValue(.string(adminPassword), isSecret: true),
            "dataDir": ConfigValue(.string(dataDir), isSecret: false),
        ]
        values.merge(extra) { _, new in new }
        return values
    }

    /// A fresh environment.
    static func environment(extra: [AbsoluteConfigKey: ConfigValue] = [:]) async throws -> ServiceEnvironment {
        let postgres = try await TestPostgres.freshDatabase(prefix: "identity")
        let dataDir = NSTemporaryDirectory() + "identity-test-" + UUID().uuidString
        var values = values(dataDir: dataDir, extra: extra)
        values["test.database"] = .init(.string(postgres.database), isSecret: false)
        return TestEnvironment.make(definition: IdentityService.definition, postgres: postgres, values: values)
    }

    /// Runs `body` against a fresh identity in router mode, also handing over the database name.
    static func testWithDatabase(_ body: @escaping @Sendable (any TestClientProtocol, String) async throws -> Void) async throws {
        let environment = try await environment()
        let built = try await IdentityService.buildApplication(environment: environment)
        let name = try #require(environment.config.string(forKey: "test.database"))
        try await built.app.test(.router) { client in try await body(client, name) }
    }

    /// Runs `body` against a fresh identity in router mode.
    static func test(extra: [AbsoluteConfigKey: ConfigValue] = [:], _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let built = try await IdentityService.buildApplication(environment: try await environment(extra: extra))
        try await built.app.test(.router) { client in try await body(client) }
    }
}

/// A decoded JSON response.
struct JSONResponse: Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: ByteBuffer

    var json: [String: any Sendable] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: any Sendable]) ?? [:]
    }

    func string(_ key: String) -> String? { json[key] as? String }
}

extension TestClientProtocol {
    /// Sends `body` (JSON unless `contentType` says otherwise) and returns the response.
    @discardableResult
    func send(_ method: HTTPRequest.Method, _ uri: String, json body: String? = nil, token: String? = nil,
              contentType: String = "application/json", headers extra: HTTPFields = [:]) async throws -> JSONResponse {
        var headers = extra
        if body != nil { headers[.contentType] = contentType }
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            JSONResponse(status: response.status, headers: response.headers, body: response.body)
        }
    }

    /// Registers a customer and returns the response.
    @discardableResult
    func register(_ email: String, password: String = "correct-horse-1", name: String = "Ann") async throws -> JSONResponse {
        try await send(.post, "/api/v1/auth/register", json: #"{"email":"\#(email)","password":"\#(password)","name":"\#(name)"}"#)
    }

    /// Logs in and returns the response.
    func login(_ email: String, password: String = "correct-horse-1") async throws -> JSONResponse {
        try await send(.post, "/api/v1/auth/login", json: #"{"email":"\#(email)","password":"\#(password)"}"#)
    }

    /// Registers and logs in a customer; returns (access, refresh) tokens.
    func customerTokens(_ email: String = "ann@example.com") async throws -> (access: String, refresh: String) {
        try await register(email)
        let response = try await login(email)
        #expect(response.status == .ok)
        return (response.string("access_token") ?? "", response.string("refresh_token") ?? "")
    }

    /// The seeded admin's access token.
    func adminToken() async throws -> String {
        let response = try await login(IdentityTestApp.adminEmail, password: IdentityTestApp.adminPassword)
        #expect(response.status == .ok)
        return response.string("access_token") ?? ""
    }

    /// Asserts an RFC 9457 problem with `status` that reveals no internals.
    func expectProblem(_ response: JSONResponse, _ status: HTTPResponse.Status, sourceLocation: SourceLocation = #_sourceLocation) {
        ProblemDocument.check(status, status: response.status, contentType: response.headers[.contentType], body: String(buffer: response.body),
                              sourceLocation: sourceLocation)
    }
}
