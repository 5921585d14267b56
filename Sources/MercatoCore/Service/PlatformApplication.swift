import Hummingbird
import NIOCore
import Logging
import ServiceLifecycle

/// The application every service runs: platform middleware and routes around the service's own.
public struct PlatformApplication {
    /// The Hummingbird application type every service returns.
    public typealias App = Application<RouterResponder<AppRequestContext>>

    /// Builds the application: middleware (request id, tracing, metrics, problems, bearer auth),
    /// health/metrics/OpenAPI routes, the service's `routes`, migrations before the listener opens,
    /// and readiness made of a database ping, "migrations applied" and `extraChecks`.
    public static func build(
        environment: ServiceEnvironment,
        verifier: AccessTokenVerifier?,
        extraChecks: [HealthCheck] = [],
        services: [any Service] = [],
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in },
        routes: (Router<AppRequestContext>) throws -> Void
    ) throws -> (app: App, readiness: Readiness) {
        let database = environment.database
        let migrationsApplied = ReadinessFlag()
        let readiness = Readiness(checks: [
            HealthCheck(name: "postgres") { try await database.ping() },
            migrationsApplied.check(name: "migrations", message: "migrations not applied yet"),
        ] + extraChecks)

        let routeTable = RouteTable()
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: RequestIDMiddleware(bodyLimit: environment.http.bodyLimit))
        router.add(middleware: TracingMiddleware(recordingHeaders: [.requestID]))
        if LoggingConfig(reader: environment.config).requests { router.add(middleware: AccessLogMiddleware()) }
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: ProblemMiddleware(routes: routeTable))
        router.add(middleware: RequestDeadlineMiddleware())
        PlatformRoutes.add(to: router, readiness: readiness, metrics: environment.metrics,
                           openAPIDocument: environment.definition.openAPIDocument)
        if let verifier { router.add(middleware: BearerAuthMiddleware(verifier: verifier)) }
        try routes(router)
        routeTable.load(router)

        var app = Application(
            router: router,
            configuration: .init(address: .hostname(environment.http.host, port: environment.http.port),
                                 serverName: environment.definition.name),
            services: [database] + services,
            onServerRunning: onServerRunning,
            logger: environment.logger)
        let runner = MigrationRunner(database: database, service: environment.definition.name,
                                     migrations: environment.definition.migrations)
        app.beforeServerStarts {
            try await runner.run()
            migrationsApplied.set()
        }
        return (app, readiness)
    }
}
