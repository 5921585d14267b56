import Foundation
import Hummingbird

/// `POST /api/v1/auth/register` body.
struct RegisterRequest: Decodable, Sendable {
    var email: String
    var password: String
    var name: String
}

/// `POST /api/v1/auth/login` body.
struct LoginRequest: Decodable, Sendable {
    var email: String
    var password: String
}

/// `POST /api/v1/auth/refresh` and `/logout` body.
struct RefreshRequest: Decodable, Sendable {
    var refreshToken: String

    enum CodingKeys: String, CodingKey { case refreshToken = "refresh_token" }
}

/// A login or refresh answer.
struct TokenPairResponse: ResponseEncodable, Sendable {
    var accessToken: String
    var refreshToken: String
    var tokenType = "Bearer"
    var expiresIn: Int

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", refreshToken = "refresh_token", tokenType = "token_type", expiresIn = "expires_in"
    }
}

/// A client-credentials answer (RFC 6749 §5.1).
struct ClientTokenResponse: ResponseEncodable, Sendable {
    var accessToken: String
    var tokenType = "Bearer"
    var expiresIn: Int
    var scope: String

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", tokenType = "token_type", expiresIn = "expires_in", scope
    }
}
