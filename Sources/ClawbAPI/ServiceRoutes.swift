import ClawbCore
import ClawbHTTP

/// What the server says about itself: `GET /api/openapi.json` and `GET /api/metrics`.
/// Neither needs a credential: the document is public, the metrics carry counts by route and
/// code but no id or secret (docs/operations.md: expose them to your scraper only).
enum ServiceRoutes {
    static func register(on router: Router, services: APIServices) {
        // Built once: the document does not change while the server runs.
        let document = JSONCoding.response(OpenAPIDocument.make(serverURL: services.publicURL))
        router.add("GET", "\(APIMount.prefix)/openapi.json") { _, _ in document }

        router.add("GET", "\(APIMount.prefix)/metrics") { _, _ in
            var headers = HTTPHeaders()
            headers.add("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
            return HTTPResponse(status: 200, headers: headers, body: Array(services.metrics.render().utf8))
        }
    }
}
