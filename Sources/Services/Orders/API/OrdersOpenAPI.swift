import MercatoCore
import Messaging

/// The orders OpenAPI 3.1 document, served at `/openapi.yaml` and kept verbatim in `docs/api/orders.yaml`.
/// Only what is the service's own is written here: the platform paths and shared components come from
/// `PlatformOpenAPI`, the outbox and inbox audit paths and their schemas from Messaging's audit routes.
enum OrdersOpenAPI {
    /// The document.
    static let document = PlatformOpenAPI.document(
        header: header,
        metrics: metrics,
        paths: [paths, OutboxAuditRoute.openAPIPath, InboxAuditRoute.openAPIPath],
        securitySchemes: [
            PlatformOpenAPI.bearerScheme("An EdDSA access token from identity for a user; service tokens get 403."),
            PlatformOpenAPI.serviceScheme(audience: "orders"),
        ],
        parameters: [parameters],
        responses: responses,
        schemas: [
            schemas,
            PlatformOpenAPI.moneySchema,
            PlatformOpenAPI.shippingAddressSchema,
            PlatformOpenAPI.pageSchema("OrderPage", of: "Order"),
            PlatformOpenAPI.auditPageSchema("OrderAuditPage", of: "OrderAudit"),
            OutboxAuditRoute.openAPISchema,
            InboxAuditRoute.openAPISchema,
        ])

    /// `info`, `servers`, `security` and `tags`.
    private static let header = #"""
info:
  title: Mercato orders
  version: 1.0.0
  description: |
    Orders and the order saga. An order is priced by catalog (never by the client), stored `PENDING` and announced
    with `order-created` in the same transaction (transactional outbox). Catalog answers with `stock-reserved`
    (→ `AWAITING_PAYMENT`, `payment-requested` with the card token and total) or `stock-reservation-failed`
    (→ `CANCELLED`); payments answers with `payment-succeeded` (→ `CONFIRMED`, `order-confirmed`) or
    `payment-failed` (→ `CANCELLED`); `reservation-expired` cancels an unpaid order. Every cancellation publishes
    `order-cancelled` (catalog releases the stock, payments refunds a charge) and every status change
    `order-status-updated`. A saga unchanged for `orders.sagaTimeout` seconds (default 120) while `PENDING` or
    `AWAITING_PAYMENT` is cancelled with reason `saga-timeout`.

    Public routes need a user's bearer token (401 without, 403 for service tokens); `/internal/...` routes need a
    service token with audience `orders` and scope `audit`. Errors are RFC 9457 problem documents
    (`application/problem+json`) without internals; a failed request writes nothing.
servers:
  - url: http://127.0.0.1:8084
security:
  - bearer: []
tags:
  - name: orders
  - name: internal
  - name: platform
"""#

    /// The service's own metrics, described under `/metrics`.
    private static let metrics = #"""
Besides the platform and resilience metrics: `orders_placed_total`, `orders_completed_total` (label
`status`: CONFIRMED, CANCELLED, DELIVERED) and `order_placement_to_outcome_seconds` (histogram, label
`status`: the saga's outcome CONFIRMED or CANCELLED), `orders_idempotency_keys_deleted_total` (label `state`:
`completed` keys past their retention, `abandoned` claims whose placement never finished).
"""#

    /// The service's own paths.
    private static let paths = #"""
/api/v1/orders:
  post:
    tags: [orders]
    operationId: placeOrder
    summary: Place an order
    description: |
      Prices come from catalog's current prices. The `Idempotency-Key` is scoped to the caller: the same key with
      the same body (compared as canonical JSON) answers the first response again with `Idempotent-Replayed: true`;
      the same key with another body is 422 (`/problems/idempotency-key-reused`); a repeat while the first is still
      being placed is 409. A failed placement (validation, unknown products, catalog unavailable) stores nothing and
      leaves the key usable. Keys expire (24 hours by default, see the header): retry a placement within that window.
    parameters:
      - name: Idempotency-Key
        in: header
        required: true
        description: |
          1–255 visible ASCII characters, unique per order the client means to place (400 otherwise). Remembered for
          `orders.idempotencyRetention` seconds from its first use (default 24 hours, at least 1 hour; deleted by a
          sweep soon after): after that the same key is treated as new, and a request with it places a new order.
        schema: {type: string, minLength: 1, maxLength: 255, pattern: '^[!-~]+$'}
    requestBody:
      required: true
      content:
        application/json:
          schema: {$ref: "#/components/schemas/PlaceOrder"}
    responses:
      "201":
        description: Placed, `PENDING`.
        headers:
          Location:
            schema: {type: string}
          Idempotent-Replayed:
            description: "`true` when this is the stored first response of the same request."
            schema: {type: string, enum: ["true"]}
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Order"}
      problems: [400, 401, 403, 409, 413, 415]
      "422":
        description: |
          Invalid fields (1–50 distinct products, quantities 1–999, address fields required with maximum lengths,
          country an ISO 3166-1 alpha-2 code, payment method `card` with a token), products catalog does not sell
          (`items[i].product_id`), or an Idempotency-Key reused with another body.
        content:
          application/problem+json:
            schema: {$ref: "#/components/schemas/Problem"}
      "503": {$ref: "#/components/responses/CatalogUnavailable"}
  get:
    tags: [orders]
    operationId: listOrders
    summary: Orders, newest first
    description: |
      Customers see their own orders (403 when `customer` names someone else); staff and admins see every order,
      or one customer's with `customer`. Lines are included; the status history is on the single-order view.
    parameters:
      - $ref: "#/components/parameters/Limit"
      - $ref: "#/components/parameters/Cursor"
      - name: status
        in: query
        schema: {$ref: "#/components/schemas/OrderStatus"}
      - name: customer
        in: query
        description: A customer's user id (staff and admins).
        schema: {type: string, format: uuid}
    responses:
      "200":
        description: One page.
        content:
          application/json:
            schema: {$ref: "#/components/schemas/OrderPage"}
      problems: [400, 401, 403, 422]
/api/v1/orders/{id}:
  get:
    tags: [orders]
    operationId: getOrder
    summary: One order with its status history
    parameters:
      - $ref: "#/components/parameters/OrderID"
    responses:
      "200":
        description: The order.
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Order"}
      problems: [401, 403, 404]
/api/v1/orders/{id}/cancel:
  post:
    tags: [orders]
    operationId: cancelOrder
    summary: Cancel an order (owner or staff)
    description: |
      Allowed while `PENDING`, `AWAITING_PAYMENT` or `CONFIRMED` (a paid order is refunded by payments); 409 once
      shipped. Cancelling a cancelled order answers it unchanged. A body, if sent, is ignored.
    parameters:
      - $ref: "#/components/parameters/OrderID"
    responses:
      "200":
        description: The order as it now stands.
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Order"}
      problems: [401, 403, 404, 409, 413]
/api/v1/orders/{id}/status:
  post:
    tags: [orders]
    operationId: changeOrderStatus
    summary: Mark an order shipped or delivered (staff and admins)
    description: "`SHIPPED` from `CONFIRMED`, `DELIVERED` from `SHIPPED`; any other step is 409; repeating the current status changes nothing."
    parameters:
      - $ref: "#/components/parameters/OrderID"
    requestBody:
      required: true
      content:
        application/json:
          schema:
            type: object
            required: [status]
            properties:
              status: {type: string, enum: [SHIPPED, DELIVERED]}
    responses:
      "200":
        description: The order as it now stands.
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Order"}
      problems: [400, 401, 403, 404, 409, 413, 415, 422]
/internal/v1/audit/orders:
  get:
    tags: [internal]
    operationId: auditOrders
    summary: Every order's status and total, for `mercato check`
    description: "Keyset pages by order id. `stuck`: `PENDING` or `AWAITING_PAYMENT` and unchanged past the saga timeout."
    security:
      - service: []
    parameters:
      - $ref: "#/components/parameters/AuditLimit"
      - $ref: "#/components/parameters/Cursor"
    responses:
      "200":
        description: One page.
        content:
          application/json:
            schema: {$ref: "#/components/schemas/OrderAuditPage"}
      problems: [400, 401, 403, 422]
"""#

    /// Parameters beyond the shared paging ones.
    private static let parameters = #"""
OrderID:
  name: id
  in: path
  required: true
  description: The order id (anything but a UUID of an order the caller may see gets 404).
  schema: {type: string, format: uuid}
"""#

    /// Problem responses with a meaning of this service's own.
    private static let responses = [
        PlatformOpenAPI.problemResponse(
            "Conflict", "Not allowed in the order's status (e.g. cancel after shipping), or an Idempotency-Key still in flight."),
        PlatformOpenAPI.problemResponse(
            "CatalogUnavailable", """
                Catalog cannot price the order right now (unreachable, failing or its breaker open), or the bearer token \
                cannot be verified right now; nothing was stored.
                """,
            headers: "Retry-After:\n  schema: {type: integer, minimum: 1}"),
    ]

    /// The service's own schemas.
    private static let schemas = #"""
OrderStatus:
  type: string
  enum: [PENDING, AWAITING_PAYMENT, CONFIRMED, SHIPPED, DELIVERED, CANCELLED]
CancellationReason:
  type: string
  enum: [out-of-stock, payment-declined, payment-failed, reservation-expired, customer-cancelled, staff-cancelled, saga-timeout]
PlaceOrder:
  type: object
  required: [items, shipping_address, payment]
  properties:
    items:
      type: array
      minItems: 1
      maxItems: 50
      items:
        type: object
        required: [product_id, quantity]
        properties:
          product_id: {type: string, format: uuid}
          quantity: {type: integer, minimum: 1, maximum: 999}
    shipping_address: {$ref: "#/components/schemas/ShippingAddress"}
    payment:
      type: object
      required: [method, token]
      properties:
        method: {type: string, enum: [card]}
        token: {type: string, minLength: 1, maxLength: 255, description: The PSP's card token (never returned).}
OrderLine:
  type: object
  required: [product_id, sku, name, quantity, unit_price, line_total]
  properties:
    product_id: {type: string, format: uuid}
    sku: {type: string}
    name: {type: string}
    quantity: {type: integer}
    unit_price: {$ref: "#/components/schemas/Money"}
    line_total: {$ref: "#/components/schemas/Money"}
StatusChange:
  type: object
  required: [to, at]
  properties:
    from: {$ref: "#/components/schemas/OrderStatus"}
    to: {$ref: "#/components/schemas/OrderStatus"}
    reason: {$ref: "#/components/schemas/CancellationReason"}
    at: {type: string, format: date-time}
Order:
  type: object
  required: [id, customer_id, status, lines, total, shipping_address, created_at, updated_at]
  properties:
    id: {type: string, format: uuid}
    customer_id: {type: string, format: uuid}
    status: {$ref: "#/components/schemas/OrderStatus"}
    lines:
      type: array
      items: {$ref: "#/components/schemas/OrderLine"}
    total: {$ref: "#/components/schemas/Money"}
    shipping_address: {$ref: "#/components/schemas/ShippingAddress"}
    cancellation_reason: {$ref: "#/components/schemas/CancellationReason"}
    cancellation_detail: {type: string}
    created_at: {type: string, format: date-time}
    updated_at: {type: string, format: date-time}
    status_history:
      type: array
      description: Only on `GET /api/v1/orders/{id}` and the command answers.
      items: {$ref: "#/components/schemas/StatusChange"}
OrderAudit:
  type: object
  required: [order_id, status, total, stuck]
  properties:
    order_id: {type: string, format: uuid}
    status: {$ref: "#/components/schemas/OrderStatus"}
    total: {$ref: "#/components/schemas/Money"}
    cancellation_reason: {$ref: "#/components/schemas/CancellationReason"}
    stuck: {type: boolean}
"""#
}
