import ClawbHTTP
import Dispatch
import Glibc
import Synchronization

/// Something with a lifetime: started once, stopped once.
public protocol Service: Sendable {
    var name: String { get }
    func start() throws
    /// Stops the service; returns when it has stopped (for the HTTP server: after draining).
    func stop()
}

/// Starts services in order, waits for SIGTERM or SIGINT, then stops them in reverse order:
/// the HTTP server stops accepting and drains before storage closes.
public final class ServiceGroup: Sendable {
    let services: [any Service]
    let logger: Logger

    public init(services: [any Service], logger: Logger) {
        self.services = services
        self.logger = logger
    }

    /// Starts everything, calls `afterStart`, blocks until a termination signal, then stops
    /// everything.
    public func run(afterStart: () throws -> Void = {}) throws {
        var started: [any Service] = []
        do {
            for service in services {
                try service.start()
                started.append(service)
                logger.info("service.started", ["service": service.name])
            }
        } catch {
            for service in started.reversed() { service.stop() }
            throw error
        }
        do {
            try afterStart()
        } catch {
            for service in services.reversed() { service.stop() }
            throw error
        }
        let signalName = Self.waitForTermination()
        logger.info("shutdown.begin", ["signal": signalName])
        for service in services.reversed() {
            service.stop()
            logger.info("service.stopped", ["service": service.name])
        }
    }

    private static func waitForTermination() -> String {
        let received = DispatchSemaphore(value: 0)
        let name = SignalName()
        var sources: [any DispatchSourceSignal] = []
        for (number, label) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                name.set(label)
                received.signal()
            }
            source.resume()
            sources.append(source)
        }
        received.wait()
        sources.forEach { $0.cancel() }
        return name.get()
    }
}

private final class SignalName: Sendable {
    private let value = Mutex("")
    func set(_ name: String) { value.withLock { $0 = name } }
    func get() -> String { value.withLock { $0 } }
}
