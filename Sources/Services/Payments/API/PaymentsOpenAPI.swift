/// The payments OpenAPI 3.1 document, served at `/openapi.yaml` and kept verbatim in `docs/api/payments.yaml`.
enum PaymentsOpenAPI {
    /// The document.
    static let document = #"""
openapi: 3.1.0
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
  - name: audit
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
        Besides the platform metrics: `payments_charges_total` (label `outcome`: `succeeded` or a failure code),
        `payments_provider_call_duration_seconds` (histogram; labels `operation` charge/refund/lookup and `result`
        ok/rejected/timeout/error), `payments_provider_retries_total` (label `operation`) and
        `payments_refunds_total` (label `outcome` succeeded/failed).
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
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "422": {$ref: "#/components/responses/ValidationFailed"}
        "503": {$ref: "#/components/responses/Unavailable"}
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
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "422": {$ref: "#/components/responses/ValidationFailed"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /internal/v1/audit/payments:
    get:
      tags: [audit]
      operationId: auditPayments
      summary: Every payment, keyset-paginated by order id (for `mercato check`)
      security:
        - serviceToken: []
      parameters:
        - name: limit
          in: query
          description: Page size, 1–5000 (others get 422).
          schema: {type: integer, minimum: 1, maximum: 5000, default: 500}
        - name: cursor
          in: query
          description: The `next_cursor` of the previous page (opaque; a forged one gets 400).
          schema: {type: string, maxLength: 1024}
      responses:
        "200":
          description: One page.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/PaymentAuditPage"}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "422": {$ref: "#/components/responses/ValidationFailed"}
  /internal/v1/audit/ledger:
    get:
      tags: [audit]
      operationId: auditLedger
      summary: Ledger transaction count and the ids of unbalanced transactions (must be none)
      security:
        - serviceToken: []
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
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
  /internal/v1/audit/outbox:
    get:
      tags: [audit]
      operationId: auditOutbox
      summary: Unsent outbox rows and the age of the oldest
      security:
        - serviceToken: []
      responses:
        "200":
          description: The summary.
          content:
            application/json:
              schema:
                type: object
                required: [unsent, oldest_unsent_age_seconds]
                properties:
                  unsent: {type: integer}
                  oldest_unsent_age_seconds: {type: number}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
components:
  securitySchemes:
    bearer:
      type: http
      scheme: bearer
      bearerFormat: JWT
      description: An EdDSA access token from identity for a user (any role); service tokens get 403.
    serviceToken:
      type: http
      scheme: bearer
      bearerFormat: JWT
      description: A client-credentials token from identity with audience `payments` and scope `audit`.
  responses:
    BadRequest:
      description: Malformed cursor.
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
      description: A service token on a user route, or a user token (or a token for another audience or scope) on an internal route.
      content:
        application/problem+json:
          schema: {$ref: "#/components/schemas/Problem"}
    NotFound:
      description: No payment the caller may see.
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
    Money:
      type: object
      required: [amount, currency]
      properties:
        amount: {type: integer, description: Minor units (cents).}
        currency: {type: string, pattern: '^[A-Z]{3}$'}
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
    PaymentAuditPage:
      type: object
      required: [items]
      properties:
        items:
          type: array
          items: {$ref: "#/components/schemas/PaymentAudit"}
        next_cursor: {type: string, description: Absent on the last page.}
"""#
}
