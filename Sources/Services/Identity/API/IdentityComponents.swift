import Foundation
import MercatoCore

/// What the identity routes work with, built once by `IdentityService.buildApplication`.
struct IdentityComponents: Sendable {
    let database: Database
    let users: UserStore
    let preferences: PreferencesStore
    let refreshTokens: RefreshTokenStore
    let loginFailures: LoginFailureStore
    let keyRing: SigningKeyRing
    let issuer: TokenIssuer
    let hasher: PasswordHasher
    /// A real bcrypt hash of a random password, verified against when the account is unknown,
    /// so a wrong e-mail costs as much time as a wrong password.
    /// A bcrypt hash of a random password, compared against when the email is unknown so timing does not tell.
    /// Computed in the background at start-up so it does not delay readiness.
    let dummyHash: Task<String, any Error>
    let clients: ServiceClientRegistry
    let config: IdentityConfig
}
