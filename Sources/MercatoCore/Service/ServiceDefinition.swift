/// What a service brings to the platform: its name, default port, schema and API document.
public struct ServiceDefinition: Sendable {
    /// Service name: also its database, role, log `service` field and metrics label.
    public var name: String
    /// Port used when `http.port` is unset.
    public var defaultPort: Int
    /// The service's schema, in order.
    public var migrations: [Migration]
    /// The OpenAPI 3.1 document served at `/openapi.yaml`.
    public var openAPIDocument: String?

    /// A definition with every part given.
    public init(name: String, defaultPort: Int, migrations: [Migration], openAPIDocument: String?) {
        self.name = name
        self.defaultPort = defaultPort
        self.migrations = migrations
        self.openAPIDocument = openAPIDocument
    }
}
