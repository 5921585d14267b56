import Foundation
import Hummingbird
import MercatoCore

/// `POST /oauth/token`: the client-credentials grant (RFC 6749 §4.4) for service-to-service calls.
/// OAuth errors use RFC 6749's `{error, error_description}` JSON, as OAuth clients expect,
/// not problem+json; media-type and size errors stay problems.
struct OAuthTokenRoute: Sendable {
    let components: IdentityComponents

    func add(to router: Router<AppRequestContext>) {
        router.post("oauth/token") { request, context in try await token(request, context: context) }
    }

    func token(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await request.decodeForm(context: context)
        guard let grant = form["grant_type"], !grant.isEmpty else {
            return try Self.error(.badRequest, "invalid_request", "grant_type is required.")
        }
        guard grant == "client_credentials" else {
            return try Self.error(.badRequest, "unsupported_grant_type", "Only client_credentials is supported.")
        }
        let credentials = Self.basicCredentials(request.headers[.authorization])
            ?? form["client_id"].map { ($0, form["client_secret"] ?? "") }
        guard let credentials, let client = components.clients.authenticate(id: credentials.0, secret: credentials.1) else {
            var response = try Self.error(.unauthorized, "invalid_client", "Client authentication failed.")
            response.headers[.wwwAuthenticate] = #"Basic realm="mercato""#
            return response
        }
        guard let audiences = client.audiences(requested: form["audience"]) else {
            return try Self.error(.badRequest, "invalid_target", "The client may not ask for that audience.")
        }
        guard let scope = client.scope(requested: form["scope"]) else {
            return try Self.error(.badRequest, "invalid_scope", "The client may not ask for that scope.")
        }
        context.logger.info("client token issued", metadata: ["client_id": "\(client.id)", "aud": "\(audiences.joined(separator: " "))"])
        let body = ClientTokenResponse(accessToken: try await components.issuer.clientToken(for: client, audiences: audiences, scope: scope),
                                       expiresIn: components.config.accessTokenTTL, scope: scope)
        return try Self.json(.ok, body)
    }

    /// `client_id:client_secret` from `Authorization: Basic`, each form-urlencoded as RFC 6749 §2.3.1 says.
    static func basicCredentials(_ header: String?) -> (String, String)? {
        guard let header, header.count > 6, header.prefix(6).lowercased() == "basic ",
              let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
              let text = String(data: data, encoding: .utf8),
              let colon = text.firstIndex(of: ":") else { return nil }
        let decode = { (part: Substring) in String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part) }
        return (decode(text[..<colon]), decode(text[text.index(after: colon)...]))
    }

    /// An RFC 6749 §5.2 error response.
    static func error(_ status: HTTPResponse.Status, _ code: String, _ description: String) throws -> Response {
        try json(status, ["error": code, "error_description": description])
    }

    static func json(_ status: HTTPResponse.Status, _ body: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(body)
        return Response(status: status,
                        headers: [.contentType: "application/json", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
