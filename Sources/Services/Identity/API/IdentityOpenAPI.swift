import MercatoCore
import Messaging

/// The identity service OpenAPI 3.1 document, served at `/openapi.yaml` and kept verbatim in `docs/api/identity.yaml`.
/// Only what is the service's own is written here: the platform paths and shared components come from
/// `PlatformOpenAPI`, the outbox audit paths and their schemas from `OutboxAuditRoute`.
enum IdentityOpenAPI {
    /// The document.
    static let document = PlatformOpenAPI.document(
        header: header,
        paths: [paths, OutboxAuditRoute.openAPIPath],
        securitySchemes: [
            PlatformOpenAPI.bearerScheme("An EdDSA access token from `POST /api/v1/auth/login`; service tokens get 403 on user routes."),
            PlatformOpenAPI.serviceScheme(audience: "identity"),
            clientSchemes,
        ],
        responses: responses,
        schemas: [
            schemas,
            PlatformOpenAPI.shippingAddressSchema,
            PlatformOpenAPI.pageSchema("UserPage", of: "User"),
            OutboxAuditRoute.openAPISchema,
        ])

    /// `info`, `servers`, `security` and `tags`.
    private static let header = #"""
info:
  title: Mercato identity
  version: 1.0.0
  description: |
    Users, credentials, roles, preferences, access and refresh tokens, signing keys and service clients.

    Access tokens are EdDSA (Ed25519) JWTs with `kid`, `iss` (`mercato-identity`), `aud` (`mercato`, or a service
    client's audience), `sub`, `roles` (user tokens), `scope` and `client_id` (client tokens), `iat`, `exp`.
    Public keys are at `/.well-known/jwks.json`. Refresh tokens are opaque, rotated on every use; presenting an
    already-rotated refresh token revokes its whole family.

    Failed logins are throttled per account and per client address (defaults: after 5 failures for an account in
    15 minutes each attempt is delayed by 1 s per further failure, at most 5 s; after 10 the account gets 429 with
    `Retry-After` until the oldest counted failure leaves the window; per address: delay after 20, refuse after 50).

    Errors are RFC 9457 `application/problem+json`, except the OAuth errors of `POST /oauth/token`, which use
    RFC 6749's `{error, error_description}` as `application/json`.
servers:
  - url: http://127.0.0.1:8081
tags:
  - name: auth
  - name: users
  - name: admin
  - name: oauth
  - name: internal
  - name: platform
security:
  - bearer: []
"""#

    /// The service's own paths.
    private static let paths = #"""
/.well-known/jwks.json:
  get:
    tags: [auth]
    operationId: jwks
    summary: Public signing keys
    description: The active key and replaced keys whose tokens may still be valid (access-token TTL plus leeway).
    security: []
    responses:
      "200":
        description: The key set.
        content:
          application/json:
            schema: {$ref: "#/components/schemas/JWKS"}
      problems: [500]
/api/v1/auth/register:
  post:
    tags: [auth]
    operationId: register
    summary: Create a customer account
    security: []
    requestBody:
      required: true
      content:
        application/json:
          schema: {$ref: "#/components/schemas/RegisterRequest"}
    responses:
      "201":
        description: Created. The e-mail is stored trimmed and lowercased.
        headers:
          Location:
            schema: {type: string}
        content:
          application/json:
            schema: {$ref: "#/components/schemas/User"}
      problems: [400, 409, 413, 415, 422, 500]
/api/v1/auth/login:
  post:
    tags: [auth]
    operationId: login
    summary: Exchange e-mail and password for tokens
    security: []
    requestBody:
      required: true
      content:
        application/json:
          schema: {$ref: "#/components/schemas/LoginRequest"}
    responses:
      "200":
        description: A new token pair (and a new refresh-token family).
        content:
          application/json:
            schema: {$ref: "#/components/schemas/TokenPair"}
      problems: [400, 401, 413, 415, 422, 429, 500]
/api/v1/auth/refresh:
  post:
    tags: [auth]
    operationId: refresh
    summary: Rotate a refresh token
    description: Returns a new pair; the presented token is spent. Presenting a spent token revokes its family (401).
    security: []
    requestBody:
      required: true
      content:
        application/json:
          schema: {$ref: "#/components/schemas/RefreshRequest"}
    responses:
      "200":
        description: A new token pair in the same family.
        content:
          application/json:
            schema: {$ref: "#/components/schemas/TokenPair"}
      problems: [400, 401, 413, 415, 422, 500]
/api/v1/auth/logout:
  post:
    tags: [auth]
    operationId: logout
    summary: Revoke a refresh token's family
    description: Idempotent; an unknown token also gives 204.
    security: []
    requestBody:
      required: true
      content:
        application/json:
          schema: {$ref: "#/components/schemas/RefreshRequest"}
    responses:
      "204":
        description: Revoked.
      problems: [400, 413, 415, 422, 500]
/api/v1/users/me:
  get:
    tags: [users]
    operationId: getMe
    summary: The signed-in user
    responses:
      "200":
        description: The user.
        content:
          application/json:
            schema: {$ref: "#/components/schemas/User"}
      problems: [401, 403, 500, 503]
  patch:
    tags: [users]
    operationId: patchMe
    summary: Change name, phone or default shipping address
    description: Merge patch; absent members stay, `null` clears `phone` and `default_shipping_address`.
    requestBody:
      required: true
      content:
        application/json:
          schema: {$ref: "#/components/schemas/ProfilePatch"}
    responses:
      "200":
        description: The updated user.
        content:
          application/json:
            schema: {$ref: "#/components/schemas/User"}
      problems: [400, 401, 403, 413, 415, 422, 500, 503]
/api/v1/users/me/preferences:
  get:
    tags: [users]
    operationId: getPreferences
    summary: The signed-in user's preferences (defaults until set)
    responses:
      "200":
        description: The preferences.
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Preferences"}
      problems: [401, 403, 500, 503]
  put:
    tags: [users]
    operationId: putPreferences
    summary: Replace the signed-in user's preferences
    requestBody:
      required: true
      content:
        application/json:
          schema: {$ref: "#/components/schemas/Preferences"}
    responses:
      "200":
        description: The stored preferences.
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Preferences"}
      problems: [400, 401, 403, 413, 415, 422, 500, 503]
/api/v1/users:
  get:
    tags: [admin]
    operationId: listUsers
    summary: List users (admin)
    parameters:
      - name: limit
        in: query
        description: Page size, 1–100 (out of range gets 422, not an integer 400).
        schema: {type: integer, minimum: 1, maximum: 100, default: 20}
      - $ref: "#/components/parameters/Cursor"
      - name: email
        in: query
        description: E-mail prefix, case-insensitive.
        schema: {type: string}
      - name: role
        in: query
        schema: {$ref: "#/components/schemas/Role"}
    responses:
      "200":
        description: One page, oldest first.
        content:
          application/json:
            schema: {$ref: "#/components/schemas/UserPage"}
      problems: [400, 401, 403, 422, 500, 503]
/api/v1/users/{id}:
  parameters:
    - name: id
      in: path
      required: true
      description: User id (a UUID; anything else names no user).
      schema: {type: string}
  get:
    tags: [admin]
    operationId: getUser
    summary: One user (admin); deleted users are shown anonymized
    responses:
      "200":
        description: The user.
        content:
          application/json:
            schema: {$ref: "#/components/schemas/User"}
      problems: [401, 403, 404, 500, 503]
  patch:
    tags: [admin]
    operationId: patchUser
    summary: Change roles, name or disabled flag (admin)
    description: Disabling revokes the user's refresh tokens. Admins cannot disable or demote themselves (409).
    requestBody:
      required: true
      content:
        application/json:
          schema: {$ref: "#/components/schemas/AdminUserPatch"}
    responses:
      "200":
        description: The updated user.
        content:
          application/json:
            schema: {$ref: "#/components/schemas/User"}
      problems: [400, 401, 403, 404, 409, 413, 415, 422, 500, 503]
  delete:
    tags: [admin]
    operationId: deleteUser
    summary: Soft-delete and anonymize a user (admin)
    description: >
      The e-mail becomes `deleted-<id>@invalid`, name, phone, address and preferences are cleared and every
      refresh token is revoked. Idempotent. Admins cannot delete themselves (409).
    responses:
      "204":
        description: Deleted.
      problems: [401, 403, 404, 409, 500, 503]
/oauth/token:
  post:
    tags: [oauth]
    operationId: clientCredentialsToken
    summary: Client-credentials grant for service-to-service calls (RFC 6749 §4.4)
    description: >
      Client id and secret in the form (`client_id`, `client_secret`) or as HTTP Basic. The token's `aud` is the
      client's audiences (or the ones asked for with `audience`) and it carries `scope` (the client's, or the subset
      asked for) and `client_id`, no roles. Clients are configured in `identity.clients`; asking for an audience or a
      scope the client does not have is `invalid_target` / `invalid_scope`.
    security:
      - clientBasic: []
      - {}
    requestBody:
      required: true
      content:
        application/x-www-form-urlencoded:
          schema:
            type: object
            required: [grant_type]
            properties:
              grant_type: {type: string, examples: [client_credentials]}
              client_id: {type: string}
              client_secret: {type: string}
              scope: {type: string, description: "Space-separated subset of the client's scopes (default: all of them)."}
              audience: {type: string, description: "Space-separated subset of the client's audiences (default: all of them)."}
    responses:
      "200":
        description: An access token.
        headers:
          Cache-Control:
            schema: {type: string, const: no-store}
        content:
          application/json:
            schema: {$ref: "#/components/schemas/ClientToken"}
      "400":
        description: "`invalid_request` (no grant_type) or `unsupported_grant_type`."
        content:
          application/json:
            schema: {$ref: "#/components/schemas/OAuthError"}
      "401":
        description: "`invalid_client`: unknown client or wrong secret."
        headers:
          WWW-Authenticate:
            schema: {type: string}
        content:
          application/json:
            schema: {$ref: "#/components/schemas/OAuthError"}
      problems: [413, 415, 500]
"""#

    /// The schemes of the OAuth client-credentials grant.
    private static let clientSchemes = #"""
clientBasic:
  type: http
  scheme: basic
"""#

    /// Problem responses with a meaning of this service's own.
    private static let responses = [
        PlatformOpenAPI.problemResponse("Conflict", "Conflicts with the current state."),
        PlatformOpenAPI.problemResponse("TooManyRequests", "Too many failed logins; retry after `Retry-After` seconds.",
                                        headers: "Retry-After:\n  schema: {type: integer, minimum: 1}"),
    ]

    /// The service's own schemas.
    private static let schemas = #"""
OAuthError:
  type: object
  required: [error]
  properties:
    error: {type: string, enum: [invalid_request, invalid_client, unsupported_grant_type]}
    error_description: {type: string}
JWKS:
  type: object
  required: [keys]
  properties:
    keys:
      type: array
      items:
        type: object
        required: [kty, crv, x, kid, alg, use]
        properties:
          kty: {type: string, const: OKP}
          crv: {type: string, const: Ed25519}
          x: {type: string}
          kid: {type: string}
          alg: {type: string, const: EdDSA}
          use: {type: string, const: sig}
Role:
  type: string
  enum: [customer, staff, admin]
RegisterRequest:
  type: object
  required: [email, password, name]
  properties:
    email: {type: string, format: email, maxLength: 254}
    password: {type: string, minLength: 10, maxLength: 72, description: Must not equal the e-mail.}
    name: {type: string, minLength: 1, maxLength: 100}
LoginRequest:
  type: object
  required: [email, password]
  properties:
    email: {type: string}
    password: {type: string}
RefreshRequest:
  type: object
  required: [refresh_token]
  properties:
    refresh_token: {type: string}
TokenPair:
  type: object
  required: [access_token, refresh_token, token_type, expires_in]
  properties:
    access_token: {type: string, description: EdDSA JWT}
    refresh_token: {type: string, description: Opaque, 256 random bits base64url}
    token_type: {type: string, const: Bearer}
    expires_in: {type: integer, description: Access-token lifetime in seconds}
ClientToken:
  type: object
  required: [access_token, token_type, expires_in, scope]
  properties:
    access_token: {type: string}
    token_type: {type: string, const: Bearer}
    expires_in: {type: integer}
    scope: {type: string}
User:
  type: object
  required: [id, email, name, phone, default_shipping_address, roles, disabled, created_at, updated_at, deleted_at]
  properties:
    id: {type: string, format: uuid}
    email: {type: string}
    name: {type: string}
    phone: {type: [string, "null"]}
    default_shipping_address:
      oneOf:
        - {$ref: "#/components/schemas/ShippingAddress"}
        - {type: "null"}
    roles:
      type: array
      items: {$ref: "#/components/schemas/Role"}
    disabled: {type: boolean}
    created_at: {type: string, format: date-time}
    updated_at: {type: string, format: date-time}
    deleted_at: {type: [string, "null"], format: date-time}
ProfilePatch:
  type: object
  properties:
    name: {type: string, minLength: 1, maxLength: 100}
    phone: {type: [string, "null"]}
    default_shipping_address:
      oneOf:
        - {$ref: "#/components/schemas/ShippingAddress"}
        - {type: "null"}
AdminUserPatch:
  type: object
  properties:
    roles:
      type: array
      minItems: 1
      items: {$ref: "#/components/schemas/Role"}
    name: {type: string, minLength: 1, maxLength: 100}
    disabled: {type: boolean}
Preferences:
  type: object
  required: [locale, currency, notifications, marketing_opt_in]
  properties:
    locale: {type: string, examples: [en, de-DE]}
    currency: {type: string, pattern: "^[A-Z]{3}$"}
    notifications:
      type: object
      required: [email, sms, push]
      properties:
        email: {type: boolean}
        sms: {type: boolean}
        push: {type: boolean}
    marketing_opt_in: {type: boolean}
"""#
}
