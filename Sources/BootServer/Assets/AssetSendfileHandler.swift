import Foundation
import HTTPTypes
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

/// Sends `/assets/**` and `/firmware/**` with sendfile(2) (a NIO `FileRegion`), below Hummingbird: its response
/// body takes only ByteBuffers, so every byte would otherwise be read into memory and written back out.
/// Sits in each plain-HTTP connection's pipeline between NIO's HTTP/1 codec and Hummingbird's; GET and HEAD
/// of those prefixes are answered here (same `AssetRoot` checks and `AssetAnswer` rules as the Hummingbird route,
/// which still serves them over TLS), everything else passes through untouched. NIO's pipelining handler ahead of
/// it hands over one request at a time, so answers stay in order.
final class AssetSendfileHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    struct Route: Sendable {
        var prefix: String
        var root: AssetRoot
        var label: String
    }

    private let routes: [Route]
    private let fileIO: NonBlockingFileIO
    private let requests: CounterFamily<RouteStatus>
    private let logger: Logger
    /// The request being answered here: its body and end are swallowed, the answer goes out at its end.
    private var taken: (head: HTTPRequestHead, route: Route, relative: String)?

    init(routes: [Route], fileIO: NonBlockingFileIO, requests: CounterFamily<RouteStatus>, logger: Logger) {
        self.routes = routes
        self.fileIO = fileIO
        self.requests = requests
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        switch part {
        case .head(let head) where head.method == .GET || head.method == .HEAD:
            if let (route, relative) = match(head.uri) {
                taken = (head, route, relative)
            } else {
                context.fireChannelRead(data)
            }
        case .end where taken != nil:
            if let (head, route, relative) = taken {
                taken = nil
                answer(head, route: route, relative: relative, context: context)
            }
        case .body where taken != nil:
            break
        default:
            context.fireChannelRead(data)
        }
    }

    private func match(_ uri: String) -> (Route, String)? {
        let path = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? uri
        guard let route = routes.first(where: { path.hasPrefix($0.prefix) }) else { return nil }
        return (route, String(path.dropFirst(route.prefix.count)))
    }

    private func answer(_ head: HTTPRequestHead, route: Route, relative: String, context: ChannelHandlerContext) {
        var conditions = HTTPFields()
        for (name, field) in [("If-None-Match", HTTPField.Name.ifNoneMatch), ("Range", .range), ("If-Range", .ifRange)] {
            if let value = head.headers.first(name: name) { conditions[field] = value }
        }
        let path: String, answer: AssetAnswer
        do {
            (path, answer) = try AssetAnswer.resolve(relative.split(separator: "/"), under: route.root,
                                                     isHead: head.method == .HEAD, requestHeaders: conditions)
        } catch {
            if case .traversal = error { logger.warning("assets: \(error)") }
            return fail(error.status, error.description, head, route, context)
        }
        requests.increment(RouteStatus(route: route.label, status: Int(answer.status.code)))
        guard let bytes = answer.bytes else {
            send(responseHead(answer.status, answer.headers, request: head), body: nil, request: head, context: context)
            return
        }
        let loop = context.eventLoop
        let bound = NIOLoopBound((self, context), eventLoop: loop)
        fileIO.openFile(_deprecatedPath: path, eventLoop: loop).whenComplete { result in
            let (handler, context) = bound.value
            switch result {
            case .success(let (handle, _)):
                let region = FileRegion(fileHandle: handle, readerIndex: Int(bytes.lowerBound), endIndex: Int(bytes.upperBound) + 1)
                handler.send(handler.responseHead(answer.status, answer.headers, request: head), body: .fileRegion(region),
                             request: head, context: context)
                    .whenComplete { _ in try? handle.close() }
            case .failure:
                handler.fail(.notFound, "cannot open \(relative)", head, route, context)
            }
        }
    }

    private func responseHead(_ status: HTTPResponse.Status, _ fields: HTTPFields, request: HTTPRequestHead) -> HTTPResponseHead {
        var headers = HTTPHeaders(fields.map { ($0.name.rawName, $0.value) })
        if !request.isKeepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        return HTTPResponseHead(version: request.version, status: HTTPResponseStatus(statusCode: Int(status.code)), headers: headers)
    }

    @discardableResult
    private func send(_ response: HTTPResponseHead, body: IOData?, request: HTTPRequestHead,
                      context: ChannelHandlerContext) -> EventLoopFuture<Void> {
        context.write(wrapOutboundOut(.head(response)), promise: nil)
        if let body { context.write(wrapOutboundOut(.body(body)), promise: nil) }
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !request.isKeepAlive {
            let channel = context.channel
            done.whenComplete { _ in channel.close(promise: nil) }
        }
        return done
    }

    private func fail(_ status: HTTPResponse.Status, _ message: String, _ request: HTTPRequestHead, _ route: Route,
                      _ context: ChannelHandlerContext) {
        requests.increment(RouteStatus(route: route.label, status: Int(status.code)))
        let text = message + "\n"
        let head = responseHead(status, [.contentType: "text/plain; charset=utf-8", .contentLength: String(text.utf8.count)], request: request)
        let body = request.method == .HEAD ? nil : IOData.byteBuffer(context.channel.allocator.buffer(string: text))
        send(head, body: body, request: request, context: context)
    }
}
