import Hummingbird

/// Guards the admin API: `Authorization: Bearer <admin token>`, else 401.
struct BearerAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let given = request.bearerToken, InstallToken.matches(given, token) else {
            var response = Reply.error("missing or wrong admin token (Authorization: Bearer …)", status: .unauthorized, json: true)
            response.headers[.wwwAuthenticate] = "Bearer realm=\"provision\""
            return response
        }
        return try await next(request, context)
    }
}
