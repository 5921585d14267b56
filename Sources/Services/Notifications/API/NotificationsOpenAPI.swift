/// The notifications OpenAPI 3.1 document, served at `/openapi.yaml` and kept verbatim in `docs/api/notifications.yaml`.
enum NotificationsOpenAPI {
    /// The document.
    static let document = #"""
openapi: 3.1.0
info:
  title: Mercato notifications
  version: 1.0.0
  description: |
    Per-user notification history, notification preferences, email delivery and a live stream.

    The service consumes identity's `user-registered`, `user-updated` and `user-deleted` (keeping its own copy
    of each user's email, name, locale, channels and marketing opt-in; it never reads identity's tables) and
    catalog's `price-changed`. A registration writes a welcome (in-app, plus an email when identity allows the
    email channel and the `account` topic is on); a lower price in the same currency writes one price drop per
    user with marketing opt-in and the `price_drop` topic on. Catalog's product-created, product-updated,
    product-deleted and stock-updated produce no notification and are not consumed. Messages come from Mustache
    templates per event type and locale (falling back to `en`). Emails go over SMTP with retries and exponential
    backoff and end `sent` or `failed` in the history.

    Every `/api/v1/notifications` route needs a user's bearer token (401 without, 403 for service tokens).
    Errors are RFC 9457 problem documents (`application/problem+json`) without internals; a failed request
    writes nothing.
servers:
  - url: http://127.0.0.1:8086
security:
  - bearer: []
tags:
  - name: notifications
  - name: preferences
  - name: platform
paths:
  /health/live:
    get:
      tags: [platform]
      operationId: live
      summary: Liveness
      security: []
      responses:
        "200":
          description: The process is up.
          content:
            application/json:
              schema:
                type: object
                required: [status]
                properties:
                  status: {type: string, enum: [up]}
  /health/ready:
    get:
      tags: [platform]
      operationId: ready
      summary: Readiness (database, migrations, shutdown)
      security: []
      responses:
        "200":
          description: Ready.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/ReadinessReport"}
        "503":
          description: Not ready.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/ReadinessReport"}
  /metrics:
    get:
      tags: [platform]
      operationId: metrics
      summary: Prometheus metrics
      description: |
        Besides the platform metrics: `notifications_created_total` (labels `event_type`, `channel`),
        `notifications_emails_sent_total`, `notifications_emails_failed_total`, `notifications_emails_retried_total`,
        `notifications_open_streams` (gauge) and `notifications_streams_dropped_total`.
      security: []
      responses:
        "200":
          description: Metrics in the Prometheus text format.
          content:
            text/plain:
              schema: {type: string}
  /openapi.yaml:
    get:
      tags: [platform]
      operationId: openAPI
      summary: This document
      security: []
      responses:
        "200":
          description: The OpenAPI document.
          content:
            application/yaml:
              schema: {type: string}
  /api/v1/notifications:
    get:
      tags: [notifications]
      operationId: listNotifications
      summary: The caller's in-app notifications, newest first
      description: |
        Keyset-paginated by creation time and id. Only in-app notifications are listed; email deliveries are
        history kept by the service. `userId` lists another user's notifications and needs the admin role
        (403 otherwise, unless it is the caller's own id).
      parameters:
        - $ref: "#/components/parameters/Limit"
        - $ref: "#/components/parameters/Cursor"
        - name: unread
          in: query
          description: "`true` lists unread notifications only (others than `true`/`false` get 422). A cursor belongs to the filter it was made with (400 otherwise)."
          schema: {type: boolean, default: false}
        - name: userId
          in: query
          description: Admins only; a UUID (others get 422).
          schema: {type: string, format: uuid}
      responses:
        "200":
          description: One page.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/NotificationPage"}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "422": {$ref: "#/components/responses/ValidationFailed"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /api/v1/notifications/{id}/read:
    parameters:
      - name: id
        in: path
        required: true
        description: A notification id (a UUID; anything else gets 422).
        schema: {type: string, format: uuid}
    post:
      tags: [notifications]
      operationId: markNotificationRead
      summary: Mark one of the caller's notifications read
      description: |
        Idempotent: reading it again answers 200 with the first read time. Another user's notification, an
        email delivery or an unknown id is 404. No body is needed; one, if sent, is ignored but must fit the
        body limit (413 otherwise).
      responses:
        "200":
          description: The notification, now `read`.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Notification"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "413": {$ref: "#/components/responses/PayloadTooLarge"}
        "422": {$ref: "#/components/responses/ValidationFailed"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /api/v1/notifications/preferences:
    get:
      tags: [preferences]
      operationId: getNotificationPreferences
      summary: The caller's notification preferences
      description: |
        `topics` are the switches edited here (every topic is on until changed). `channels`, `marketing_opt_in`
        and `locale` are copied from identity's events and read-only here (change them with
        `PATCH /api/v1/users/me/preferences` in identity); they are null until an identity event about the
        user has arrived. Price drops need both marketing opt-in and the `price_drop` topic.
      responses:
        "200":
          description: The preferences.
          headers:
            ETag: {$ref: "#/components/headers/ETag"}
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Preferences"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "503": {$ref: "#/components/responses/Unavailable"}
    put:
      tags: [preferences]
      operationId: replaceNotificationPreferences
      summary: Replace the caller's topic switches
      description: |
        Every switch is required. Identity-owned members (`channels`, `marketing_opt_in`, `locale`) and unknown
        members get 422. `If-Match` (optional) must carry the `ETag` of the version the change is based on:
        412 when it is stale, 400 when it is no entity tag. 409 once the account has been deleted.
      parameters:
        - name: If-Match
          in: header
          description: Entity tag from GET, e.g. `"3"`, or `*`.
          schema: {type: string}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/PreferencesUpdate"}
      responses:
        "200":
          description: The preferences after the change.
          headers:
            ETag: {$ref: "#/components/headers/ETag"}
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Preferences"}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "409": {$ref: "#/components/responses/Conflict"}
        "412": {$ref: "#/components/responses/PreconditionFailed"}
        "413": {$ref: "#/components/responses/PayloadTooLarge"}
        "415": {$ref: "#/components/responses/UnsupportedMediaType"}
        "422": {$ref: "#/components/responses/ValidationFailed"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /api/v1/notifications/stream:
    get:
      tags: [notifications]
      operationId: streamNotifications
      summary: The caller's new in-app notifications, live (Server-Sent Events)
      description: |
        Opens with `retry: 3000` and a `: connected` comment, then sends each new in-app notification as
        `id: <notification id>`, `event: notification`, `data: <Notification JSON on one line>`, and a
        `: heartbeat` comment every `notifications.streamHeartbeat` seconds (default 15). Notifications created
        on any replica arrive (PostgreSQL `NOTIFY notifications_created` feeds every replica). With
        `Last-Event-ID`, up to `notifications.streamReplayLimit` (default 100) of the caller's notifications
        created after that one are replayed first. A client that falls `notifications.streamBuffer` (default 64)
        notifications behind is disconnected and may reconnect with `Last-Event-ID`. Graceful shutdown ends
        every stream.
      parameters:
        - name: Last-Event-ID
          in: header
          description: The id of the last notification event received (a UUID; anything else gets 400).
          schema: {type: string, format: uuid}
      responses:
        "200":
          description: An endless event stream.
          content:
            text/event-stream:
              schema: {type: string}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "503": {$ref: "#/components/responses/Unavailable"}
components:
  securitySchemes:
    bearer:
      type: http
      scheme: bearer
      bearerFormat: JWT
      description: An EdDSA access token from identity for a user (any role); service tokens get 403.
  parameters:
    Limit:
      name: limit
      in: query
      description: Page size, 1–100 (others get 422).
      schema: {type: integer, minimum: 1, maximum: 100, default: 20}
    Cursor:
      name: cursor
      in: query
      description: The `next_cursor` of the previous page (opaque; a forged one gets 400).
      schema: {type: string, maxLength: 1024}
  headers:
    ETag:
      description: Strong entity tag of the preferences version, e.g. `"3"` (`"0"` before the first change).
      schema: {type: string, pattern: '^"[0-9]+"$'}
  responses:
    BadRequest:
      description: Malformed JSON, cursor, If-Match or Last-Event-ID.
      content:
        application/problem+json:
          schema: {$ref: "#/components/schemas/Problem"}
    Unauthorized:
      description: No token, or an invalid or expired token.
      headers:
        WWW-Authenticate:
          schema: {type: string}
      content:
        application/problem+json:
          schema: {$ref: "#/components/schemas/Problem"}
    Forbidden:
      description: A service token, or a non-admin asking for another user's notifications.
      content:
        application/problem+json:
          schema: {$ref: "#/components/schemas/Problem"}
    NotFound:
      description: The caller has no such notification.
      content:
        application/problem+json:
          schema: {$ref: "#/components/schemas/Problem"}
    Conflict:
      description: The account has been deleted.
      content:
        application/problem+json:
          schema: {$ref: "#/components/schemas/Problem"}
    PreconditionFailed:
      description: If-Match names a version that is no longer current.
      content:
        application/problem+json:
          schema: {$ref: "#/components/schemas/Problem"}
    PayloadTooLarge:
      description: The body exceeds the configured limit.
      content:
        application/problem+json:
          schema: {$ref: "#/components/schemas/Problem"}
    UnsupportedMediaType:
      description: The body is not JSON.
      content:
        application/problem+json:
          schema: {$ref: "#/components/schemas/Problem"}
    ValidationFailed:
      description: Well-formed but invalid; `errors` names each field or parameter.
      content:
        application/problem+json:
          schema: {$ref: "#/components/schemas/Problem"}
    Unavailable:
      description: A bearer token was sent but keys cannot be fetched to verify it right now.
      content:
        application/problem+json:
          schema: {$ref: "#/components/schemas/Problem"}
  schemas:
    Problem:
      type: object
      required: [type, title, status]
      properties:
        type: {type: string}
        title: {type: string}
        status: {type: integer}
        detail: {type: string}
        instance: {type: string}
        errors:
          type: array
          items:
            type: object
            required: [field, message]
            properties:
              field: {type: string}
              message: {type: string}
    ReadinessReport:
      type: object
      required: [status, checks]
      properties:
        status: {type: string, enum: [up, down]}
        checks:
          type: array
          items:
            type: object
            required: [name, status, duration_ms]
            properties:
              name: {type: string}
              status: {type: string, enum: [up, down]}
              error: {type: string}
              duration_ms: {type: number}
    Notification:
      type: object
      required: [id, event_type, topic, channel, subject, body, status, created_at, read_at]
      properties:
        id: {type: string, format: uuid}
        event_type: {type: string, description: "CloudEvents type of the cause, e.g. `mercato.identity.user-registered.v1`."}
        topic: {type: string, enum: [account, price_drop, orders]}
        channel: {type: string, enum: [in_app]}
        subject: {type: string}
        body: {type: string, description: Plain text.}
        status: {type: string, enum: [delivered, read]}
        created_at: {type: string, format: date-time}
        read_at: {type: [string, "null"], format: date-time}
    NotificationPage:
      type: object
      required: [items, next_cursor]
      properties:
        items:
          type: array
          items: {$ref: "#/components/schemas/Notification"}
        next_cursor: {type: [string, "null"]}
    TopicSwitches:
      type: object
      required: [account, price_drop, orders]
      additionalProperties: false
      properties:
        account: {type: boolean, description: Account messages such as the welcome.}
        price_drop: {type: boolean, description: Price drops (also need marketing opt-in in identity).}
        orders: {type: boolean, description: Order updates (confirmation, cancellation with its reason, refund).}
    Preferences:
      type: object
      required: [topics, channels, marketing_opt_in, locale]
      properties:
        topics: {$ref: "#/components/schemas/TopicSwitches"}
        channels:
          type: [array, "null"]
          description: Read-only, from identity.
          items: {type: string, enum: [email, sms, push]}
        marketing_opt_in: {type: [boolean, "null"], description: Read-only, from identity.}
        locale: {type: [string, "null"], description: Read-only, from identity.}
    PreferencesUpdate:
      type: object
      required: [topics]
      additionalProperties: false
      properties:
        topics: {$ref: "#/components/schemas/TopicSwitches"}
"""#
}
