import Foundation
import Hummingbird
import MercatoCore

/// `/api/v1/auth/*`: register, login, refresh, logout.
struct AuthRoutes: Sendable {
    let components: IdentityComponents

    func add(to router: Router<AppRequestContext>) {
        let auth = router.group("api/v1/auth")
        auth.post("register") { request, context in try await register(request, context: context) }
        auth.post("login") { request, context in try await login(request, context: context) }
        auth.post("refresh") { request, context in try await refresh(request, context: context) }
        auth.post("logout") { request, context in try await logout(request, context: context) }
    }

    func register(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<UserResponse> {
        var request = request
        let body = try await request.decodeJSON(as: RegisterRequest.self, context: context)
        let email = EmailAddress.normalize(body.email)
        var validator = FieldValidator()
        if let problem = EmailAddress.problem(with: email) { validator.add("email", problem) }
        if let problem = PasswordPolicy.problem(with: body.password, email: email) { validator.add("password", problem) }
        if let problem = ProfileRules.nameProblem(body.name) { validator.add("name", problem) }
        try validator.validate()
        let hash = try await components.hasher.hash(body.password)
        let user = try await components.users.create(
            email: email, passwordHash: hash, name: body.name.trimmingCharacters(in: .whitespacesAndNewlines), roles: [.customer])
        context.logger.info("user registered", metadata: ["user_id": "\(user.id)"])
        var response = EditedResponse(status: .created, response: UserResponse(user))
        response.headers[.location] = "/api/v1/users/\(user.id.uuidString.lowercased())"
        return response
    }

    func login(_ request: Request, context: AppRequestContext) async throws -> TokenPairResponse {
        var request = request
        let body = try await request.decodeJSON(as: LoginRequest.self, context: context)
        let account = EmailAddress.normalize(body.email)
        let address = context.clientAddress
        let failures = components.loginFailures
        let recent = try await failures.recent(account: account, address: address)
        switch components.config.loginThrottle.decide(accountFailures: recent.account, addressFailures: recent.address, now: recent.now) {
        case .allow: break
        case .delay(let seconds): try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
        case .refuse(let retryAfter):
            context.logger.notice("login refused by throttle", metadata: ["client_address": "\(address)"])
            throw Problem.tooManyRequests(retryAfterSeconds: retryAfter, "Too many failed logins. Try again later.")
        }
        let user = account.isEmpty ? nil : try await components.users.find(email: account)
        // Always run bcrypt once, against a dummy hash for unknown accounts, so timing does not reveal which exist.
        let hash: String
        if let user { hash = user.passwordHash } else { hash = try await components.dummyHash.value }
        let matches = try await components.hasher.verify(body.password, hash: hash)
        guard let user, matches, user.isActive else {
            try await failures.record(account: account, address: address)
            throw Problem.unauthorized("The e-mail address or password is incorrect.")
        }
        try await failures.clear(account: account)
        return try await issuePair(for: user, refreshToken: try await components.refreshTokens.startFamily(userID: user.id))
    }

    func refresh(_ request: Request, context: AppRequestContext) async throws -> TokenPairResponse {
        var request = request
        let body = try await request.decodeJSON(as: RefreshRequest.self, context: context)
        guard RefreshToken.isWellFormed(body.refreshToken) else { throw Self.invalidRefreshToken }
        switch try await components.refreshTokens.exchange(body.refreshToken) {
        case .refused:
            throw Self.invalidRefreshToken
        case .rotated(let successor, let user):
            return try await issuePair(for: user, refreshToken: successor)
        }
    }

    func logout(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        var request = request
        let body = try await request.decodeJSON(as: RefreshRequest.self, context: context)
        // Idempotent: an unknown or already revoked token is not an error, and says nothing about other tokens.
        if RefreshToken.isWellFormed(body.refreshToken) {
            try await components.refreshTokens.revokeFamily(of: body.refreshToken)
        }
        return .noContent
    }

    private func issuePair(for user: User, refreshToken: RefreshToken) async throws -> TokenPairResponse {
        TokenPairResponse(accessToken: try await components.issuer.userToken(for: user), refreshToken: refreshToken.value,
                          expiresIn: components.config.accessTokenTTL)
    }

    static let invalidRefreshToken = Problem.unauthorized("The refresh token is not valid.")
}
