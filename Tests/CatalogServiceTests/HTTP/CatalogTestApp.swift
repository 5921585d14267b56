@testable import CatalogService
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MercatoCore
import MercatoTestSupport
import NIOCore
import Testing

/// A catalog application on a fresh database, driven through the router.
struct CatalogTestApp {
    /// Runs `body` against a new catalog on its own empty database.
    static func run(bodyLimit: Int = 1 << 20, _ body: @escaping @Sendable (CatalogClient) async throws -> Void) async throws {
        try await runWithDatabase(bodyLimit: bodyLimit) { client, _ in try await body(client) }
    }

    /// Like `run`, also handing over the application's database (its pool runs with the application).
    static func runWithPool(bodyLimit: Int = 1 << 20, _ body: @escaping @Sendable (CatalogClient, Database) async throws -> Void) async throws {
        let postgres = try await TestPostgres.freshDatabase(prefix: "catalog")
        let environment = TestEnvironment.make(definition: CatalogService.definition, postgres: postgres,
                                                   auth: AuthConfig(serviceAudience: CatalogService.definition.name), bodyLimit: bodyLimit)
        let built = try await CatalogService.buildApplication(environment: environment, keySource: TestTokens.keySource)
        try await built.app.test(.router) { client in try await body(CatalogClient(client: client), environment.database) }
    }

    /// Like `run`, also handing over the database name (to inspect tables such as the outbox). With `productCache`, the
    /// product cache's listener runs too (the other background services do not), so reads by id can be cached.
    static func runWithDatabase(bodyLimit: Int = 1 << 20, productCache: Bool = false,
                                _ body: @escaping @Sendable (CatalogClient, String) async throws -> Void) async throws {
        let postgres = try await TestPostgres.freshDatabase(prefix: "catalog")
        let environment = TestEnvironment.make(definition: CatalogService.definition, postgres: postgres,
                                                   auth: AuthConfig(serviceAudience: CatalogService.definition.name), bodyLimit: bodyLimit)
        let built = try await CatalogService.buildApplication(environment: environment, keySource: TestTokens.keySource)
        let listeners = productCache ? built.services.compactMap { $0 as? ProductCacheInvalidation } : []
        try await built.app.test(.router) { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for listener in listeners { group.addTask { try await listener.run() } }
                try await body(CatalogClient(client: client), postgres.database)
                group.cancelAll()
            }
        }
    }
}

/// A response with its body parsed as JSON (when it is JSON).
struct JSONTestResponse: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: JSONValue
    let text: String

    /// The `Content-Type` without parameters.
    var mediaType: String { MediaTypeCheck.essence(headers[.contentType] ?? "") }
}

/// Who a request is sent as.
enum Caller: Sendable {
    case anonymous, customer, staff, admin
    /// A client-credentials token of orders with `scope` for `audience`.
    case service(scope: String, audience: String = "catalog")

    var authorization: String? {
        switch self {
        case .anonymous: return nil
        case .customer: return TestTokens.bearer(roles: [.customer], subject: "customer-1")
        case .staff: return TestTokens.bearer(roles: [.staff], subject: "staff-1")
        case .admin: return TestTokens.bearer(roles: [.admin], subject: "admin-1")
        case .service(let scope, let audience): return "Bearer " + TestTokens.serviceToken(clientID: "orders", audience: audience, scope: scope)
        }
    }
}

/// Short-hands for catalog requests.
struct CatalogClient: Sendable {
    let client: any TestClientProtocol

    /// Sends a request; `json` is sent as `application/json` unless `contentType` says otherwise.
    @discardableResult
    func send(_ method: HTTPRequest.Method, _ uri: String, as caller: Caller = .anonymous, json: String? = nil,
              contentType: String? = "application/json", headers extra: HTTPFields = [:]) async throws -> JSONTestResponse {
        var headers = extra
        if let authorization = caller.authorization { headers[.authorization] = authorization }
        if json != nil, let contentType { headers[.contentType] = contentType }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
        let text = String(buffer: response.body)
        let body = (try? JSONValue.parse(text)) ?? .null
        return JSONTestResponse(status: response.status, headers: response.headers, body: body, text: text)
    }

    /// Creates a category as staff and returns its id.
    func createCategory(slug: String, parent: String? = nil) async throws -> String {
        let parentJSON = parent.map { #","parent_id":"\#($0)""# } ?? ""
        let response = try await send(.post, "/api/v1/categories", as: .staff, json: #"{"slug":"\#(slug)","name":"\#(slug.capitalized)"\#(parentJSON)}"#)
        #expect(response.status == .created, "\(response.text)")
        return try #require(response.body["id"]?.string)
    }

    /// Creates a product as staff and returns its body.
    @discardableResult
    func createProduct(sku: String, name: String? = nil, description: String = "", status: String = "active", amount: Int = 1000,
                       category: String? = nil) async throws -> JSONValue {
        let categoryJSON = category.map { #","category_id":"\#($0)""# } ?? ""
        let response = try await send(.post, "/api/v1/products", as: .staff, json: """
            {"sku":"\(sku)","name":"\(name ?? sku)","description":"\(description)","status":"\(status)",
             "price":{"amount":\(amount),"currency":"EUR"}\(categoryJSON)}
            """)
        #expect(response.status == .created, "\(response.text)")
        return response.body
    }
}

extension JSONValue {
    /// Member `key` of an object.
    subscript(key: String) -> JSONValue? { objectValue?[key] }

    /// The string, if this is one.
    var string: String? { if case .string(let value) = self { return value } else { return nil } }

    /// The integer, if this is one.
    var int: Int? { if case .integer(let value) = self { return Int(value) } else { return nil } }

    /// The elements, if this is an array.
    var array: [JSONValue]? { if case .array(let value) = self { return value } else { return nil } }

    /// The field names of a validation problem.
    var errorFields: [String] { (self["errors"]?.array ?? []).compactMap { $0["field"]?.string } }
}

/// Asserts a problem+json answer with `status` that reveals no internals.
func expectProblem(_ response: JSONTestResponse, _ status: HTTPResponse.Status, sourceLocation: SourceLocation = #_sourceLocation) {
    ProblemDocument.check(status, status: response.status, contentType: response.headers[.contentType], body: response.text,
                          sourceLocation: sourceLocation)
}
