import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import MercatoCore
import Testing

/// The platform's error contract: every failure is problem+json with the right status and no internals.
@Suite struct ProblemMiddlewareTests {
    struct Payload: Decodable, Sendable {
        var name: String
        var count: Int
    }

    struct Secret: Error, CustomStringConvertible {
        var description: String { "SELECT password FROM users -- internal detail" }
    }

    func makeApp(bodyLimit: Int = 64) -> some ApplicationProtocol {
        let routes = RouteTable()
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: RequestIDMiddleware(bodyLimit: bodyLimit))
        router.add(middleware: ProblemMiddleware(routes: routes))
        router.post("/items") { request, context -> HTTPResponse.Status in
            var request = request
            let payload = try await request.decodeJSON(as: Payload.self, context: context)
            var validator = FieldValidator()
            validator.require(payload.count > 0, "count", "must be positive")
            try validator.validate()
            return .created
        }
        router.get("/items/:id") { _, _ -> String in "item" }
        router.get("/boom") { _, _ -> String in throw Secret() }
        router.get("/conflict") { _, _ -> String in throw Problem.conflict("already there") }
        routes.load(router)
        return Application(router: router)
    }

    func problem(_ response: TestResponse) throws -> [String: Any] {
        #expect(response.headers[.contentType] == "application/problem+json")
        let object = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
        return try #require(object)
    }

    @Test func unknownRouteIs404Problem() async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/nowhere", method: .get) { response in
                #expect(response.status == .notFound)
                let body = try problem(response)
                #expect(body["status"] as? Int == 404)
                #expect(body["instance"] as? String == "/nowhere")
                #expect(body["type"] as? String == "/problems/not-found")
            }
        }
    }

    @Test func wrongMethodIs405WithAllow() async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/items/42", method: .delete) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET")
                _ = try problem(response)
            }
        }
    }

    @Test func malformedJSONIs400() async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/items", method: .post, headers: [.contentType: "application/json"],
                                     body: ByteBuffer(string: "{not json")) { response in
                #expect(response.status == .badRequest)
                _ = try problem(response)
            }
        }
    }

    @Test func wrongContentTypeIs415() async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/items", method: .post, headers: [.contentType: "text/plain"],
                                     body: ByteBuffer(string: "hello")) { response in
                #expect(response.status == .unsupportedMediaType)
                _ = try problem(response)
            }
        }
    }

    @Test func oversizedBodyIs413() async throws {
        try await makeApp(bodyLimit: 16).test(.router) { client in
            let big = #"{"name":"\#(String(repeating: "x", count: 100))","count":1}"#
            try await client.execute(uri: "/items", method: .post, headers: [.contentType: "application/json"],
                                     body: ByteBuffer(string: big)) { response in
                #expect(response.status == .contentTooLarge)
                _ = try problem(response)
            }
        }
    }

    @Test func missingAndMistypedFieldsAre422WithFieldNames() async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/items", method: .post, headers: [.contentType: "application/json"],
                                     body: ByteBuffer(string: #"{"name":"a"}"#)) { response in
                #expect(response.status == .unprocessableContent)
                let errors = try problem(response)["errors"] as? [[String: String]]
                #expect(errors?.first?["field"] == "count")
            }
            try await client.execute(uri: "/items", method: .post, headers: [.contentType: "application/json"],
                                     body: ByteBuffer(string: #"{"name":"a","count":"x"}"#)) { response in
                #expect(response.status == .unprocessableContent)
            }
            try await client.execute(uri: "/items", method: .post, headers: [.contentType: "application/json"],
                                     body: ByteBuffer(string: #"{"name":"a","count":0}"#)) { response in
                #expect(response.status == .unprocessableContent)
                let errors = try problem(response)["errors"] as? [[String: String]]
                #expect(errors == [["field": "count", "message": "must be positive"]])
            }
        }
    }

    @Test func internalErrorsHideDetails() async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/boom", method: .get) { response in
                #expect(response.status == .internalServerError)
                let text = String(buffer: response.body)
                #expect(!text.contains("SELECT"))
                #expect(!text.contains("password"))
                _ = try problem(response)
            }
        }
    }

    @Test func problemsPassThroughAndRequestIDIsEchoed() async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/conflict", method: .get, headers: [.requestID: "abc-123"]) { response in
                #expect(response.status == .conflict)
                #expect(response.headers[.requestID] == "abc-123")
                let detail = try problem(response)["detail"] as? String
                #expect(detail == "already there")
            }
            try await client.execute(uri: "/items/1", method: .get, headers: [.requestID: "bad id with spaces"]) { response in
                let id = try #require(response.headers[.requestID])
                #expect(id != "bad id with spaces")
                #expect(UUID(uuidString: id) != nil)
            }
        }
    }
}
