import MercatoCore
import Messaging

/// The notifications OpenAPI 3.1 document, served at `/openapi.yaml` and kept verbatim in `docs/api/notifications.yaml`.
/// Only what is the service's own is written here: the platform paths and shared components come from
/// `PlatformOpenAPI`, the inbox audit paths and their schemas from `InboxAuditRoute`.
enum NotificationsOpenAPI {
    /// The document.
    static let document = PlatformOpenAPI.document(
        header: header,
        metrics: metrics,
        paths: [paths, InboxAuditRoute.openAPIPath],
        securitySchemes: [
            PlatformOpenAPI.bearerScheme("An EdDSA access token from identity for a user (any role); service tokens get 403."),
            PlatformOpenAPI.serviceScheme(audience: "notifications"),
        ],
        headers: [headers],
        responses: responses,
        schemas: [
            schemas,
            PlatformOpenAPI.pageSchema("NotificationPage", of: "Notification"),
            InboxAuditRoute.openAPISchema,
        ])

    /// `info`, `servers`, `security` and `tags`.
    private static let header = #"""
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
    `/internal/...` routes (the inbox audit for `mercato check`) need a service token with audience
    `notifications` and scope `audit` (403 for user tokens). Errors are RFC 9457 problem documents
    (`application/problem+json`) without internals; a failed request writes nothing.
servers:
  - url: http://127.0.0.1:8086
security:
  - bearer: []
tags:
  - name: notifications
  - name: preferences
  - name: internal
  - name: platform
"""#

    /// The service's own metrics, described under `/metrics`.
    private static let metrics = #"""
Besides the platform metrics: `notifications_created_total` (labels `event_type`, `channel`),
`notifications_emails_sent_total`, `notifications_emails_failed_total`, `notifications_emails_retried_total`,
`notifications_open_streams` (gauge) and `notifications_streams_dropped_total`.
"""#

    /// The service's own paths.
    private static let paths = #"""
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
      problems: [400, 401, 403, 422, 503]
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
      problems: [401, 403, 404, 413, 422, 503]
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
      problems: [401, 403, 503]
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
      problems: [400, 401, 403, 409, 412, 413, 415, 422, 503]
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
      problems: [400, 401, 403, 503]
"""#

    /// Response headers.
    private static let headers = #"""
ETag:
  description: Strong entity tag of the preferences version, e.g. `"3"` (`"0"` before the first change).
  schema: {type: string, pattern: '^"[0-9]+"$'}
"""#

    /// Problem responses with a meaning of this service's own.
    private static let responses = [
        PlatformOpenAPI.problemResponse("Conflict", "The account has been deleted."),
    ]

    /// The service's own schemas.
    private static let schemas = #"""
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
