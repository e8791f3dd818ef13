import Hummingbird

/// A request counter's labels: the route pattern and the status.
struct RouteStatus: Hashable, Sendable {
    var route: String
    var status: Int

    /// `provision_http_requests_total`; families made twice share their counters (the registry keys them by labels).
    static func counters() -> CounterFamily<RouteStatus> {
        CounterFamily(label: "provision_http_requests_total") { key in [("route", key.route), ("status", String(key.status))] }
    }
}

/// Counts requests by route pattern (not raw path, so cardinality stays bounded) and status.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let requests = RouteStatus.counters()

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
        requests.increment(RouteStatus(route: context.endpointPath ?? "unmatched", status: status))
    }
}
