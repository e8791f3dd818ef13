import Hummingbird
import Metrics

/// Counts requests by route pattern (not raw path, so cardinality stays bounded) and status.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError {
            record(context, status: Int(error.status.code))
            throw error
        } catch {
            record(context, status: 500)
            throw error
        }
        record(context, status: Int(response.status.code))
        return response
    }

    func record(_ context: Context, status: Int) {
        let route = context.endpointPath ?? "unmatched"
        Counter(label: "provision_http_requests_total", dimensions: [("route", route), ("status", String(status))]).increment()
    }
}
