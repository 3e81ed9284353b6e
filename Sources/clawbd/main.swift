import ClawbAPI
import ClawbApp
import ClawbHTTP
import ClawbHTTPServer
import Foundation

/// clawbd: the Clawb server. Configuration comes from CLAWB_* variables and flags
/// (docs/configuration.md); it runs until SIGTERM or SIGINT, then drains and exits.
do {
    let configuration = try Configuration.load(
        environment: ProcessInfo.processInfo.environment,
        arguments: Array(CommandLine.arguments.dropFirst()))
    let logSink = BufferedLogSink()
    let application = try buildApplication(configuration: configuration, logSink: logSink)
    let server = HTTPServer(configuration: configuration.http.server, handler: application.handler)
    application.services.metrics.gauge(
        ServerMetrics.openConnections, help: "HTTP connections open now (idle keep-alive ones included)."
    ) { Double(server.openConnections) }
    let logger = Logger(level: configuration.logLevel, sink: logSink)
    let group = ServiceGroup(
        services: [
            LogSinkService(sink: logSink), StorageService(storage: application.storage),
            MaintenanceService(
                services: application.services, logger: logger,
                auditRetentionDays: configuration.limits.auditRetentionDays),
            HTTPServerService(server: server),
        ],
        logger: logger)
    try group.run {
        logger.info(
            "server.listening",
            [
                "address": "\(configuration.http.server.host):\(server.port)",
                "public_url": configuration.effectivePublicURL,
            ])
        if let firstRun = try FirstRun.bootstrapIfNeeded(application) {
            FileHandle.standardOutput.write(Data(firstRun.utf8))
        }
    }
} catch let error as ConfigurationError where error == .helpRequested {
    FileHandle.standardOutput.write(Data(Configuration.usage.utf8))
} catch {
    FileHandle.standardError.write(Data("clawbd: \(error)\n".utf8))
    exit(1)
}
