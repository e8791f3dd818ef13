import Hummingbird
import ProvisionStore

/// Turns the core's typed errors into statuses with a one-line reason: JSON `{"error": …}` under `/api/`,
/// plain text elsewhere (iPXE and curl users read it).
struct ErrorReplyMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as BootError {
            return reply(error.description, status: Self.status(error), request)
        } catch let error as RegistryError {
            let status: HTTPResponse.Status = switch error {
            case .invalid: .badRequest
            case .notFound: .notFound
            case .conflict: .conflict
            }
            return reply(error.description, status: status, request)
        } catch let error as StoreError {
            context.logger.error("store: \(error)")
            return reply(error.description, status: error.isNotFound ? .notFound : error.isConflict ? .conflict : .internalServerError, request)
        } catch let error as HTTPError {
            return reply(error.body ?? error.status.reasonPhrase, status: error.status, request)
        }
    }

    static func status(_ error: BootError) -> HTTPResponse.Status {
        switch error {
        case .badRequest: .badRequest
        case .notFound: .notFound
        case .forbidden: .forbidden
        case .renderFailed: .internalServerError
        }
    }

    func reply(_ message: String, status: HTTPResponse.Status, _ request: Request) -> Response {
        Reply.error(message, status: status, json: request.uri.path.hasPrefix("/api/"))
    }
}
