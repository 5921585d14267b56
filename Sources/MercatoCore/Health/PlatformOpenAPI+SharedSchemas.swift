extension PlatformOpenAPI {
    /// `Money`: an amount in minor units with its ISO 4217 currency — one definition for every service that shows one.
    public static let moneySchema = #"""
Money:
  type: object
  required: [amount, currency]
  properties:
    amount: {type: integer, format: int64, minimum: 0, maximum: 9007199254740991, description: Minor units (cents).}
    currency: {type: string, pattern: '^[A-Z]{3}$', description: ISO 4217 code.}
"""#

    /// `ShippingAddress`: the postal address identity stores as a default and orders ship to (same limits in both).
    public static let shippingAddressSchema = #"""
ShippingAddress:
  type: object
  required: [name, line1, city, postal_code, country]
  properties:
    name: {type: string, maxLength: 100}
    line1: {type: string, maxLength: 200}
    line2: {type: [string, "null"], maxLength: 200}
    city: {type: string, maxLength: 100}
    postal_code: {type: string, maxLength: 20}
    country: {type: string, pattern: '^[A-Z]{2}$', description: ISO 3166-1 alpha-2.}
"""#
}
