import Configuration
import Foundation
import Logging
import Metrics
import ServiceLifecycle
import UnixSignals

/// The body of every service executable: read configuration, install logging, metrics and
/// tracing, build the application, run until SIGTERM/SIGINT and shut down in order.
public enum ServiceMain {
    /// Runs the service described by `definition`, whose application `build` makes.
    public static func run(
        _ definition: ServiceDefinition,
        build: (ServiceEnvironment) async throws -> (app: PlatformApplication.App, readiness: Readiness, services: [any Service])
    ) async throws {
        let config = try await ConfigReader.mercato()
        LoggingBootstrap.bootstrap(service: definition.name, config: LoggingConfig(reader: config),
                                   metadataProvider: TracingBootstrap.loggingMetadataProvider)
        let tracing = try TracingBootstrap.bootstrap(service: definition.name)
        let metrics = MetricsRegistry(bootstrapSystem: true)
        let logger = Logger(label: definition.name)
        let environment = ServiceEnvironment(definition: definition, config: config, logger: logger, metrics: metrics)
        let built = try await build(environment)
        let http = environment.http
        let group = makeGroup(app: built.app, readiness: built.readiness, services: [tracing] + built.services,
                              http: http, signals: [.sigterm, .sigint], logger: logger)
        logger.info("starting", metadata: ["port": "\(http.port)", "host": "\(http.host)"])
        try await group.run()
        logger.info("stopped")
    }

    /// The service group in shutdown order: `services` first in the array (stopped last), then the
    /// application, then the drain (stopped first: readiness 503, wait, then the listener closes).
    public static func makeGroup(app: PlatformApplication.App, readiness: Readiness, services: [any Service],
                                 http: HTTPServerConfig, signals: [UnixSignal], logger: Logger) -> ServiceGroup {
        var configuration = ServiceGroupConfiguration(
            services: services.map { .init(service: $0) } + [
                .init(service: app),
                .init(service: ShutdownDrain(readiness: readiness, delay: http.drainDelay), successTerminationBehavior: .ignore),
            ],
            gracefulShutdownSignals: signals,
            logger: logger)
        // Past drain delay + shutdown timeout, whatever still runs is cancelled.
        configuration.maximumGracefulShutdownDuration = .milliseconds(Int((http.drainDelay + http.shutdownTimeout) * 1000))
        return ServiceGroup(configuration: configuration)
    }
}
