import ClawbCore
import ClawbHTTP
import ClawbWire

/// Turns any error into the JSON error envelope. Installed as the application's single catch
/// site (`HTTPApplication.renderError`).
///
/// Known errors (`HTTPError`, `DomainError`) show their code and safe message. Anything else is
/// a bug or an unexpected failure: the client sees `500 internal_error` and nothing more; the
/// log gets the error with the request id.
enum ErrorRenderer {
    static func render(_ error: any Error, context: RequestContext) -> HTTPResponse {
        let status: Int
        let body: ErrorBody
        var headers: [(name: String, value: String)] = []
        switch error {
        case let error as HTTPError:
            status = error.status
            body = ErrorBody(
                error: error.code, message: error.message, requestID: context.requestID, field: error.field)
            headers = error.headers
        case let error as DomainError:
            status = error.code.httpStatus
            body = ErrorBody(
                error: error.code.rawValue, message: error.message, requestID: context.requestID, field: error.field,
                retryAfter: error.retryAfter, reasons: error.reasons, traceID: error.traceID)
            headers = error.code.httpHeaders
            if let retryAfter = error.retryAfter { headers.append(("Retry-After", String(retryAfter))) }
            if let underlying = error.underlying {
                context.logger.warning(
                    "request.failed", ["error.code": error.code.rawValue, "error.underlying": "\(underlying)"])
            }
        default:
            status = 500
            body = ErrorBody(
                error: "internal_error", message: "The server failed to handle this request.",
                requestID: context.requestID)
            context.logger.error("request.internal_error", ["error": "\(error)"])
        }
        var response = JSONCoding.response(body, status: status)
        for (name, value) in headers { response.headers.add(name, value) }
        return response
    }
}
