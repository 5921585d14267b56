import MercatoCore
import Messaging

/// The catalog OpenAPI 3.1 document, served at `/openapi.yaml` and kept verbatim in `docs/api/catalog.yaml`.
/// Only what is the service's own is written here: the platform paths and shared components come from
/// `PlatformOpenAPI`, the outbox and inbox audit paths and their schemas from Messaging's audit routes.
enum CatalogOpenAPI {
    /// The document.
    static let document = PlatformOpenAPI.document(
        header: header,
        paths: [paths, OutboxAuditRoute.openAPIPath, InboxAuditRoute.openAPIPath],
        securitySchemes: [
            PlatformOpenAPI.bearerScheme("An EdDSA access token from identity; writes need the staff or admin role."),
            PlatformOpenAPI.serviceScheme(audience: "catalog"),
        ],
        parameters: [parameters],
        headers: [headers],
        responses: responses,
        schemas: [
            schemas,
            PlatformOpenAPI.moneySchema,
            PlatformOpenAPI.pageSchema("ProductPage", of: "Product"),
            PlatformOpenAPI.pageSchema("PriceHistoryPage", of: "PriceChange"),
            PlatformOpenAPI.pageSchema("StockMovementPage", of: "StockMovement"),
            PlatformOpenAPI.auditPageSchema("StockAuditPage", of: "StockAudit"),
            PlatformOpenAPI.auditPageSchema("ReservationAuditPage", of: "ReservationAudit"),
            OutboxAuditRoute.openAPISchema,
            InboxAuditRoute.openAPISchema,
        ])

    /// `info`, `servers`, `security` and `tags`.
    private static let header = #"""
info:
  title: Mercato catalog
  version: 1.0.0
  description: |
    Categories (a tree), products with full-text search and keyset pagination, prices with history,
    and stock with an append-only movement ledger. Reads are public (anonymous callers and customers see
    only active products); writes need a staff or admin access token. Errors are RFC 9457 problem documents.
    Stock is reserved for orders from the order saga's events (not over HTTP); `/internal/...` endpoints
    (price quotes for orders, audit figures for `mercato check`) take service tokens only.
servers:
  - url: http://127.0.0.1:8082
security:
  - {}
  - bearer: []
tags:
  - name: categories
  - name: products
  - name: prices
  - name: inventory
  - name: internal
  - name: platform
"""#

    /// The service's own paths.
    private static let paths = #"""
/api/v1/categories:
  get:
    tags: [categories]
    operationId: listCategories
    summary: The whole category tree
    responses:
      "200":
        description: Root categories with nested children, sorted by name.
        content:
          application/json:
            schema: {$ref: "#/components/schemas/CategoryTree"}
      problems: [401, 503]
  post:
    tags: [categories]
    operationId: createCategory
    summary: Create a category (staff, admin)
    security:
      - bearer: []
    requestBody:
      required: true
      content:
        application/json:
          schema: {$ref: "#/components/schemas/CategoryCreate"}
    responses:
      "201":
        description: Created.
        headers:
          Location: {$ref: "#/components/headers/Location"}
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Category"}
      problems: [400, 401, 403, 409, 413, 415, 422, 503]
/api/v1/categories/{id}:
  parameters:
    - $ref: "#/components/parameters/ID"
  get:
    tags: [categories]
    operationId: getCategory
    summary: One category with its subtree
    responses:
      "200":
        description: The category.
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Category"}
      problems: [401, 404, 503]
  patch:
    tags: [categories]
    operationId: updateCategory
    summary: Change a category (JSON merge patch; staff, admin)
    description: A parent that is the category itself or one of its descendants is refused with 422; `parent_id` null makes it a root.
    security:
      - bearer: []
    requestBody:
      required: true
      content:
        application/merge-patch+json:
          schema: {$ref: "#/components/schemas/CategoryPatch"}
        application/json:
          schema: {$ref: "#/components/schemas/CategoryPatch"}
    responses:
      "200":
        description: The changed category with its subtree.
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Category"}
      problems: [400, 401, 403, 404, 409, 413, 415, 422, 503]
  delete:
    tags: [categories]
    operationId: deleteCategory
    summary: Delete an empty category (staff, admin)
    security:
      - bearer: []
    responses:
      "204": {description: Deleted.}
      problems: [401, 403, 404, 409, 503]
/api/v1/products:
  get:
    tags: [products]
    operationId: listProducts
    summary: Search and list products
    description: |
      Keyset pagination over (sort key, id): pass `next_cursor` back as `cursor` with the same `sort`.
      Anonymous callers and customers see active products only; asking for another `status` needs staff or admin
      (401 anonymous, 403 customer). Staff see every status unless they filter.
      Invalid parameters get 422 naming them (`limit` outside 1–100 included); a forged cursor or one made for another sort gets 400.
    parameters:
      - name: q
        in: query
        description: Full-text search over name, description and SKU (web search syntax, e.g. `"red shoe" -boot`).
        schema: {type: string, maxLength: 200}
      - name: category
        in: query
        description: A category id; includes its descendants.
        schema: {type: string, format: uuid}
      - name: min_price
        in: query
        schema: {type: integer, format: int64, minimum: 0}
      - name: max_price
        in: query
        schema: {type: integer, format: int64, minimum: 0}
      - name: status
        in: query
        schema: {$ref: "#/components/schemas/ProductStatus"}
      - name: sort
        in: query
        description: "`relevance` needs `q`."
        schema:
          type: string
          enum: [created_at, -created_at, price, -price, name, relevance]
          default: -created_at
      - $ref: "#/components/parameters/Limit"
      - $ref: "#/components/parameters/Cursor"
    responses:
      "200":
        description: One page.
        content:
          application/json:
            schema: {$ref: "#/components/schemas/ProductPage"}
      problems: [400, 401, 403, 422, 503]
  post:
    tags: [products]
    operationId: createProduct
    summary: Create a product (staff, admin)
    security:
      - bearer: []
    requestBody:
      required: true
      content:
        application/json:
          schema: {$ref: "#/components/schemas/ProductCreate"}
    responses:
      "201":
        description: Created, with its stock at zero.
        headers:
          Location: {$ref: "#/components/headers/Location"}
          ETag: {$ref: "#/components/headers/ETag"}
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Product"}
      problems: [400, 401, 403, 409, 413, 415, 422, 503]
/api/v1/products/{id}:
  parameters:
    - $ref: "#/components/parameters/ID"
  get:
    tags: [products]
    operationId: getProduct
    summary: One product
    description: >-
      Draft and archived products are 404 for callers who are not staff. Answered from catalog's product cache when it
      holds the product (every committed change evicts it); `Cache-Control: no-cache` or `max-age=0` reads the database.
    parameters:
      - name: If-None-Match
        in: header
        schema: {type: string}
      - name: Cache-Control
        in: header
        schema: {type: string}
    responses:
      "200":
        description: The product.
        headers:
          ETag: {$ref: "#/components/headers/ETag"}
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Product"}
      "304":
        description: Not modified (If-None-Match matched).
        headers:
          ETag: {$ref: "#/components/headers/ETag"}
      problems: [401, 404, 503]
  patch:
    tags: [products]
    operationId: updateProduct
    summary: Change a product (JSON merge patch; staff, admin)
    description: |
      Requires `If-Match` with the current ETag (428 without it, 412 when stale). `attributes` merges member by member
      (null removes one); arrays are replaced. A price change is recorded in the price history. Version +1 when anything changed.
    security:
      - bearer: []
    parameters:
      - $ref: "#/components/parameters/IfMatchRequired"
    requestBody:
      required: true
      content:
        application/merge-patch+json:
          schema: {$ref: "#/components/schemas/ProductPatch"}
        application/json:
          schema: {$ref: "#/components/schemas/ProductPatch"}
    responses:
      "200":
        description: The changed product.
        headers:
          ETag: {$ref: "#/components/headers/ETag"}
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Product"}
      problems: [400, 401, 403, 404, 409, 412, 413, 415, 422, 428, 503]
  delete:
    tags: [products]
    operationId: archiveProduct
    summary: Archive a product (staff, admin)
    description: Sets status `archived` (products are never deleted). Idempotent. `If-Match` is honoured when sent.
    security:
      - bearer: []
    parameters:
      - $ref: "#/components/parameters/IfMatch"
    responses:
      "204": {description: Archived.}
      problems: [401, 403, 404, 412, 503]
/api/v1/products/{id}/price:
  parameters:
    - $ref: "#/components/parameters/ID"
  put:
    tags: [prices]
    operationId: setPrice
    summary: Set the price (staff, admin)
    description: Records old and new price, who and when, in the same transaction; version +1. The same price again changes nothing. `If-Match` is honoured when sent.
    security:
      - bearer: []
    parameters:
      - $ref: "#/components/parameters/IfMatch"
    requestBody:
      required: true
      content:
        application/json:
          schema: {$ref: "#/components/schemas/Money"}
    responses:
      "200":
        description: The product with its new price.
        headers:
          ETag: {$ref: "#/components/headers/ETag"}
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Product"}
      problems: [400, 401, 403, 404, 412, 413, 415, 422, 503]
/api/v1/products/{id}/price-history:
  parameters:
    - $ref: "#/components/parameters/ID"
  get:
    tags: [prices]
    operationId: priceHistory
    summary: Price changes, newest first
    parameters:
      - $ref: "#/components/parameters/Limit"
      - $ref: "#/components/parameters/Cursor"
    responses:
      "200":
        description: One page.
        content:
          application/json:
            schema: {$ref: "#/components/schemas/PriceHistoryPage"}
      problems: [400, 401, 404, 422, 503]
/api/v1/products/{id}/inventory:
  parameters:
    - $ref: "#/components/parameters/ID"
  get:
    tags: [inventory]
    operationId: getInventory
    summary: Stock figures
    responses:
      "200":
        description: On hand, reserved for orders, and available.
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Inventory"}
      problems: [401, 404, 503]
/api/v1/products/{id}/inventory/adjustments:
  parameters:
    - $ref: "#/components/parameters/ID"
  post:
    tags: [inventory]
    operationId: adjustInventory
    summary: Adjust stock by hand (staff, admin)
    description: Appends a ledger row and updates on-hand stock in one transaction. Stock never goes below zero or below the reserved units (409).
    security:
      - bearer: []
    requestBody:
      required: true
      content:
        application/json:
          schema: {$ref: "#/components/schemas/StockAdjustment"}
    responses:
      "201":
        description: The ledger row and the stock after it.
        content:
          application/json:
            schema: {$ref: "#/components/schemas/StockAdjustmentResult"}
      problems: [400, 401, 403, 404, 409, 413, 415, 422, 503]
/api/v1/products/{id}/inventory/movements:
  parameters:
    - $ref: "#/components/parameters/ID"
  get:
    tags: [inventory]
    operationId: inventoryMovements
    summary: The stock movement ledger, newest first
    parameters:
      - $ref: "#/components/parameters/Limit"
      - $ref: "#/components/parameters/Cursor"
    responses:
      "200":
        description: One page.
        content:
          application/json:
            schema: {$ref: "#/components/schemas/StockMovementPage"}
      problems: [400, 401, 404, 422, 503]
/internal/v1/pricing/quote:
  post:
    tags: [internal]
    operationId: quotePrices
    summary: Price an order's lines at current prices (service token, audience catalog, scope pricing)
    description: |
      Every line must name an active product; all lines must be priced in one currency. Otherwise 422 with a
      field error `items[<index>].product_id` for each offending line. 1–50 lines, quantity 1–999 each.
    security:
      - service: []
    requestBody:
      required: true
      content:
        application/json:
          schema: {$ref: "#/components/schemas/PriceQuoteRequest"}
    responses:
      "200":
        description: Each line priced, in request order, and the total.
        content:
          application/json:
            schema: {$ref: "#/components/schemas/PriceQuote"}
      problems: [400, 401, 403, 413, 415, 422, 503]
/internal/v1/audit/stock:
  get:
    tags: [internal]
    operationId: auditStock
    summary: Every product's stock, the sum of its ledger movements and its units in held reservations (service token, scope audit)
    security:
      - service: []
    parameters:
      - $ref: "#/components/parameters/AuditLimit"
      - $ref: "#/components/parameters/Cursor"
    responses:
      "200":
        description: One page, by product id.
        content:
          application/json:
            schema: {$ref: "#/components/schemas/StockAuditPage"}
      problems: [400, 401, 403, 422, 503]
/internal/v1/audit/reservations:
  get:
    tags: [internal]
    operationId: auditReservations
    summary: Every order's stock reservation (service token, scope audit)
    security:
      - service: []
    parameters:
      - $ref: "#/components/parameters/AuditLimit"
      - $ref: "#/components/parameters/Cursor"
    responses:
      "200":
        description: One page, by order id.
        content:
          application/json:
            schema: {$ref: "#/components/schemas/ReservationAuditPage"}
      problems: [400, 401, 403, 422, 503]
"""#

    /// Parameters beyond the shared paging ones.
    private static let parameters = #"""
ID:
  name: id
  in: path
  required: true
  description: A UUID; anything else is 404.
  schema: {type: string, format: uuid}
IfMatch:
  name: If-Match
  in: header
  description: Strong ETag of the version the change is based on, or `*`.
  schema: {type: string}
IfMatchRequired:
  name: If-Match
  in: header
  required: true
  description: Strong ETag of the version the change is based on, or `*`.
  schema: {type: string}
"""#

    /// Response headers.
    private static let headers = #"""
Location:
  description: Path of the created resource.
  schema: {type: string}
ETag:
  description: Strong entity tag of the product version, e.g. `"3"`.
  schema: {type: string, pattern: '^"[0-9]+"$'}
"""#

    /// Problem responses with a meaning of this service's own.
    private static let responses = [
        PlatformOpenAPI.problemResponse("Conflict", "Duplicate SKU or slug, a category still in use, or not enough stock."),
        PlatformOpenAPI.problemResponse("PreconditionRequired", "If-Match is required."),
    ]

    /// The service's own schemas.
    private static let schemas = #"""
ProductStatus:
  type: string
  enum: [draft, active, archived]
Attributes:
  type: object
  description: Arbitrary JSON values; at most 100 members, 16 KiB.
  maxProperties: 100
  propertyNames: {minLength: 1, maxLength: 100}
  additionalProperties: true
Images:
  type: array
  maxItems: 20
  items: {type: string, format: uri, pattern: '^[Hh][Tt][Tt][Pp][Ss]?://', maxLength: 2048}
SKU:
  type: string
  minLength: 1
  maxLength: 64
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$'
Slug:
  type: string
  minLength: 1
  maxLength: 100
  pattern: '^[a-z0-9]+(-[a-z0-9]+)*$'
Name:
  type: string
  minLength: 1
  maxLength: 200
  pattern: '\S'
Product:
  type: object
  required: [id, sku, name, description, category_id, attributes, images, status, price, version, created_at, updated_at]
  properties:
    id: {type: string, format: uuid}
    sku: {type: string}
    name: {type: string}
    description: {type: string}
    category_id: {type: [string, "null"], format: uuid}
    attributes: {type: object, additionalProperties: true}
    images: {type: array, items: {type: string}}
    status: {$ref: "#/components/schemas/ProductStatus"}
    price: {$ref: "#/components/schemas/Money"}
    version: {type: integer, minimum: 1}
    created_at: {type: string, format: date-time}
    updated_at: {type: string, format: date-time}
ProductCreate:
  type: object
  required: [sku, name, price]
  properties:
    sku: {$ref: "#/components/schemas/SKU"}
    name: {$ref: "#/components/schemas/Name"}
    description: {type: string, maxLength: 10000, default: ""}
    category_id: {type: [string, "null"], format: uuid}
    attributes: {$ref: "#/components/schemas/Attributes"}
    images: {$ref: "#/components/schemas/Images"}
    status: {$ref: "#/components/schemas/ProductStatus"}
    price: {$ref: "#/components/schemas/Money"}
ProductPatch:
  type: object
  description: JSON merge patch (RFC 7386) of the product's editable fields; other members get 422.
  additionalProperties: false
  properties:
    sku: {$ref: "#/components/schemas/SKU"}
    name: {$ref: "#/components/schemas/Name"}
    description: {type: string, maxLength: 10000}
    category_id: {type: [string, "null"], format: uuid}
    attributes: {type: object, description: Merged member by member; null removes a member.}
    images: {$ref: "#/components/schemas/Images"}
    status: {$ref: "#/components/schemas/ProductStatus"}
    price:
      type: object
      properties:
        amount: {type: integer, format: int64, minimum: 0, maximum: 9007199254740991}
        currency: {type: string, pattern: '^[A-Z]{3}$'}
Category:
  type: object
  required: [id, parent_id, slug, name, created_at, updated_at, children]
  properties:
    id: {type: string, format: uuid}
    parent_id: {type: [string, "null"], format: uuid}
    slug: {type: string}
    name: {type: string}
    created_at: {type: string, format: date-time}
    updated_at: {type: string, format: date-time}
    children:
      type: array
      items: {$ref: "#/components/schemas/Category"}
CategoryTree:
  type: object
  required: [items]
  properties:
    items:
      type: array
      items: {$ref: "#/components/schemas/Category"}
CategoryCreate:
  type: object
  required: [slug, name]
  properties:
    slug: {$ref: "#/components/schemas/Slug"}
    name: {$ref: "#/components/schemas/Name"}
    parent_id: {type: [string, "null"], format: uuid}
CategoryPatch:
  type: object
  description: JSON merge patch (RFC 7386); other members get 422.
  additionalProperties: false
  properties:
    slug: {$ref: "#/components/schemas/Slug"}
    name: {$ref: "#/components/schemas/Name"}
    parent_id: {type: [string, "null"], format: uuid}
PriceChange:
  type: object
  required: [id, old_price, new_price, changed_by, changed_at]
  properties:
    id: {type: integer, format: int64}
    old_price: {$ref: "#/components/schemas/Money"}
    new_price: {$ref: "#/components/schemas/Money"}
    changed_by: {type: string, description: Subject of the token that made the change.}
    changed_at: {type: string, format: date-time}
Inventory:
  type: object
  required: [on_hand, reserved, available]
  properties:
    on_hand: {type: integer, format: int64, minimum: 0}
    reserved: {type: integer, format: int64, minimum: 0}
    available: {type: integer, format: int64, minimum: 0}
StockAdjustment:
  type: object
  required: [delta, reason]
  properties:
    delta:
      type: integer
      format: int64
      minimum: -1000000000
      maximum: 1000000000
      not: {const: 0}
    reason: {type: string, enum: [restock, correction, damage]}
StockMovement:
  type: object
  required: [id, delta, reason, on_hand_after, actor, created_at]
  properties:
    id: {type: integer, format: int64}
    delta: {type: integer, format: int64}
    reason:
      type: string
      enum: [restock, correction, damage, sale, return]
      description: "`sale` (an order confirmed) and `return` (a confirmed order cancelled) are written by the order saga, with the actor `order:<order id>`."
    on_hand_after: {type: integer, format: int64, minimum: 0}
    actor: {type: string}
    created_at: {type: string, format: date-time}
StockAdjustmentResult:
  type: object
  required: [movement, inventory]
  properties:
    movement: {$ref: "#/components/schemas/StockMovement"}
    inventory: {$ref: "#/components/schemas/Inventory"}
PriceQuoteRequest:
  type: object
  required: [items]
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
QuotedLine:
  type: object
  required: [product_id, sku, name, quantity, unit_price, line_total]
  properties:
    product_id: {type: string, format: uuid}
    sku: {type: string}
    name: {type: string}
    quantity: {type: integer, minimum: 1, maximum: 999}
    unit_price: {$ref: "#/components/schemas/Money"}
    line_total: {$ref: "#/components/schemas/Money"}
PriceQuote:
  type: object
  required: [lines, total]
  properties:
    lines:
      type: array
      items: {$ref: "#/components/schemas/QuotedLine"}
    total: {$ref: "#/components/schemas/Money"}
StockAudit:
  type: object
  required: [product_id, on_hand, reserved, available, ledger_sum, held]
  properties:
    product_id: {type: string, format: uuid}
    on_hand: {type: integer, format: int64}
    reserved: {type: integer, format: int64}
    available: {type: integer, format: int64}
    ledger_sum: {type: integer, format: int64, description: Sum of every ledger movement's delta; equals on_hand.}
    held: {type: integer, format: int64, minimum: 0, description: Units of this product in held reservations (read in the same snapshot as reserved); equals reserved.}
ReservationAudit:
  type: object
  required: [order_id, state, held_units, expires_at]
  properties:
    order_id: {type: string, format: uuid}
    state: {type: string, enum: [held, committed, released, expired]}
    held_units: {type: integer, format: int64, minimum: 0, description: Units still held (0 unless held).}
    expires_at: {type: string, format: date-time}
"""#
}
