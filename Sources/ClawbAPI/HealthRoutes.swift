import ClawbCore
import ClawbHTTP
import ClawbWire

/// `/api/healthz` (the process answers) and `/api/readyz` (storage is reachable and migrated).
enum HealthRoutes {
    static func register(on router: Router, services: APIServices) {
        router.add("GET", "\(APIMount.prefix)/healthz") { _, _ in
            JSONCoding.response(HealthResponse(ok: true, status: "up"))
        }
        router.add("GET", "\(APIMount.prefix)/readyz") { _, _ in
            try services.storage.checkReady()
            return JSONCoding.response(HealthResponse(ok: true, status: "ready"))
        }
    }
}
