import MercatoCore
import Messaging

/// The payments OpenAPI 3.1 document, served at `/openapi.yaml` and kept verbatim in `docs/api/payments.yaml`.
/// Only what is the service's own is written here: the platform paths and shared components come from
/// `PlatformOpenAPI`, the outbox and inbox audit paths and their schemas from Messaging's audit routes.
enum PaymentsOpenAPI {
    /// The document.
    static let document = PlatformOpenAPI.document(
        header: header,
        metrics: metrics,
        paths: [paths, OutboxAuditRoute.openAPIPath, InboxAuditRoute.openAPIPath],
        securitySchemes: [
            PlatformOpenAPI.bearerScheme("An EdDSA access token from identity for a user (any role); service tokens get 403."),
            PlatformOpenAPI.serviceScheme(audience: "payments"),
        ],
        schemas: [
            schemas,
            PlatformOpenAPI.moneySchema,
            PlatformOpenAPI.auditPageSchema("PaymentAuditPage", of: "PaymentAudit"),
            OutboxAuditRoute.openAPISchema,
            InboxAuditRoute.openAPISchema,
        ])

    /// `info`, `servers`, `security` and `tags`.
    private static let header = #"""
info:
  title: Mercato payments
  version: 1.0.0
  description: |
    Charges orders, refunds cancelled ones and keeps a double-entry ledger.

    The service consumes orders' `payment-requested` and `order-cancelled` and publishes `payment-succeeded`,
    `payment-failed` (code `declined`, `insufficient_funds`, `invalid_token` or `provider_unavailable`) and
    `payment-refunded` through its outbox; every event's subject is the order id. An order has at most one payment
    (the database enforces it); redeliveries and retries never charge twice (the provider call's idempotency key is
    derived from the order id). An order cancelled before its payment is never charged; a charged order that is
    cancelled is refunded in full, once.

    Ledger accounts: a charge debits `psp_receivable` (money the provider owes us) and credits `customer_payments`
    (what customers paid against orders); a refund reverses both. The database refuses a ledger transaction whose
    debits and credits differ.

    `/api/v1/payments` routes need a user's bearer token (401 without, 403 for service tokens). `/internal/...`
    routes need a service token with audience `payments` and scope `audit` (403 for user tokens). Errors are
    RFC 9457 problem documents (`application/problem+json`) without internals.
servers:
  - url: http://127.0.0.1:8085
security:
  - bearer: []
tags:
  - name: payments
  - name: internal
  - name: platform
"""#

    /// The service's own metrics, described under `/metrics`.
    private static let metrics = #"""
Besides the platform metrics: `payments_charges_total` (label `outcome`: `succeeded` or a failure code),
`payments_provider_call_duration_seconds` (histogram; labels `operation` charge/refund/lookup and `result`
ok/rejected/timeout/error), `payments_provider_retries_total` (label `operation`) and
`payments_refunds_total` (label `outcome` succeeded/failed).
"""#

    /// The service's own paths.
    private static let paths = #"""
/api/v1/payments:
  get:
    tags: [payments]
    operationId: listPayments
    summary: The payments of one order
    description: |
      For the order's customer, staff and admins. Anyone else gets 404, as does everyone while the order has no
      payment, so the answer never reveals whether another customer's order exists. An order has at most one
      payment.
    parameters:
      - name: order_id
        in: query
        required: true
        description: The order (a UUID; missing or anything else gets 422).
        schema: {type: string, format: uuid}
    responses:
      "200":
        description: The order's payments.
        content:
          application/json:
            schema: {$ref: "#/components/schemas/PaymentList"}
      problems: [401, 403, 404, 422, 503]
/api/v1/payments/{id}:
  parameters:
    - name: id
      in: path
      required: true
      description: A payment id (a UUID; anything else gets 422).
      schema: {type: string, format: uuid}
  get:
    tags: [payments]
    operationId: getPayment
    summary: One payment
    description: For the order's customer, staff and admins; anyone else gets 404.
    responses:
      "200":
        description: The payment.
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Payment"}
      problems: [401, 403, 404, 422, 503]
/internal/v1/audit/payments:
  get:
    tags: [internal]
    operationId: auditPayments
    summary: Every payment, keyset-paginated by order id (for `mercato check`)
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
            schema: {$ref: "#/components/schemas/PaymentAuditPage"}
      problems: [400, 401, 403, 422]
/internal/v1/audit/ledger:
  get:
    tags: [internal]
    operationId: auditLedger
    summary: Ledger transaction count and the ids of unbalanced transactions (must be none)
    security:
      - service: []
    responses:
      "200":
        description: The summary.
        content:
          application/json:
            schema:
              type: object
              required: [transactions, unbalanced]
              properties:
                transactions: {type: integer}
                unbalanced:
                  type: array
                  items: {type: string, format: uuid}
      problems: [401, 403]
"""#

    /// The service's own schemas.
    private static let schemas = #"""
Refund:
  type: object
  required: [id, amount, created_at]
  properties:
    id: {type: string, format: uuid}
    amount: {$ref: "#/components/schemas/Money"}
    created_at: {type: string, format: date-time}
Payment:
  type: object
  required: [id, order_id, status, amount, refunded_amount, created_at, updated_at, refunds]
  properties:
    id: {type: string, format: uuid}
    order_id: {type: string, format: uuid}
    status: {type: string, enum: [pending, succeeded, failed, refunded]}
    amount: {$ref: "#/components/schemas/Money"}
    refunded_amount: {$ref: "#/components/schemas/Money"}
    failure_code:
      type: string
      enum: [declined, insufficient_funds, invalid_token, provider_unavailable]
      description: Present only when the payment failed.
    created_at: {type: string, format: date-time}
    updated_at: {type: string, format: date-time}
    refunds:
      type: array
      items: {$ref: "#/components/schemas/Refund"}
PaymentList:
  type: object
  required: [items]
  properties:
    items:
      type: array
      items: {$ref: "#/components/schemas/Payment"}
PaymentAudit:
  type: object
  required: [order_id, payment_id, state, charged, refunded]
  properties:
    order_id: {type: string, format: uuid}
    payment_id: {type: string, format: uuid}
    state: {type: string, enum: [pending, succeeded, failed, refunded]}
    charged: {$ref: "#/components/schemas/Money"}
    refunded: {$ref: "#/components/schemas/Money"}
"""#
}
