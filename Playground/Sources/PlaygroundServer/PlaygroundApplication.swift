import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging

/// Where the server listens and what it allows.
public struct PlaygroundConfiguration: Sendable {
    /// The address: 127.0.0.1 unless the command line says otherwise.
    public var host: String
    /// The port (0: any free one).
    public var port: Int
    /// The limits of sessions and settings.
    public var limits: PlaygroundLimits

    /// A configuration; the defaults listen on 127.0.0.1:8080.
    public init(host: String = "127.0.0.1", port: Int = 8080, limits: PlaygroundLimits = PlaygroundLimits()) {
        self.host = host
        self.port = port
        self.limits = limits
    }
}

/// The playground's HTTP routes and WebSocket endpoint:
///
/// | route | answer |
/// |---|---|
/// | `GET /` | the page (`index.html`); `GET /playground.js`, `GET /playground.css` its script and style |
/// | `GET /api/info` | limits, data sets, features, activations, optimisers (JSON) |
/// | `GET /api/sessions/{id}/model.safetensors` | the session's trained model (Backprop's model file) |
/// | `GET /api/sessions/{id}/train.csv`, `…/test.csv` | the session's data, as the command line reads it |
/// | `GET /ws` (WebSocket) | a session: ``ClientMessage`` in, ``ServerMessage`` out |
public enum PlaygroundApplication {
    /// The Hummingbird application serving the playground.
    ///
    /// - Parameter onRunning: called with the URL once the server listens.
    public static func make(
        _ configuration: PlaygroundConfiguration, registry: SessionRegistry? = nil, logger: Logger? = nil,
        onRunning: @escaping @Sendable (String) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let registry = registry ?? SessionRegistry(limits: configuration.limits)
        let router = Router()
        addPages(to: router)
        addAPI(to: router, registry: registry)
        let sockets = Router(context: BasicWebSocketRequestContext.self)
        sockets.ws("/ws") { _, _ in .upgrade([:]) } onUpgrade: { inbound, outbound, _ in
            try await PlaygroundSocket.serve(inbound: inbound, outbound: outbound, registry: registry)
        }
        var log = logger ?? Logger(label: "backprop-playground")
        if logger == nil { log.logLevel = .warning }
        let host = configuration.host
        return Application(
            router: router,
            server: .http1WebSocketUpgrade(webSocketRouter: sockets),
            configuration: .init(address: .hostname(host, port: configuration.port), serverName: "backprop-playground"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                await onRunning("http://\(host.contains(":") ? "[\(host)]" : host):\(port)/")
            },
            logger: log)
    }

    /// The page's files, read once from the package's resources.
    static func addPages(to router: Router<BasicRequestContext>) {
        for (route, file) in [("/", "index.html"), ("/index.html", "index.html"), ("/playground.js", "playground.js"), ("/playground.css", "playground.css")] {
            let body = PageResources.file(file)
            let type = PageResources.contentType(file)
            router.get(RouterPath(route)) { _, _ -> Response in
                guard let body else { return Response(status: .notFound) }
                return Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-cache"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
            }
        }
    }

    static func addAPI(to router: Router<BasicRequestContext>, registry: SessionRegistry) {
        let limits = registry.limits
        router.get("/api/info") { _, _ -> Response in
            jsonResponse(ServerMessage.json(ServerMessage.Hello(session: "", limits: limits, settings: PlaygroundSettings())))
        }
        router.get("/api/sessions/:id/:file") { _, context -> Response in
            let id = context.parameters.get("id") ?? "", file = context.parameters.get("file") ?? ""
            guard let session = await registry.session(id) else {
                return errorResponse(.notFound, "session: no session \(id.prefix(40).debugDescription) runs (it ended, or the id is wrong)")
            }
            let model = await session.model
            switch file {
            case "model.safetensors":
                return download(model.modelFile(), type: "application/octet-stream", name: "playground-model.safetensors")
            case "train.csv", "test.csv":
                let set = file == "train.csv" ? "train" : "test"
                return download(Array(model.csv(set: set).utf8), type: "text/csv", name: "playground-\(set).csv")
            default:
                return errorResponse(.notFound, "file: expected model.safetensors, train.csv or test.csv, found \(file.prefix(40).debugDescription)")
            }
        }
    }

    static func jsonResponse(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func errorResponse(_ status: HTTPResponse.Status, _ message: String) -> Response {
        jsonResponse(ServerMessage.json(ServerMessage.ErrorReply(message: message)), status: status)
    }

    static func download(_ bytes: [UInt8], type: String, name: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\""],
                 body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// The page: index.html, playground.js and playground.css from the package's resources.
enum PageResources {
    /// The bytes of `name`, or nil when the bundle lacks it.
    static func file(_ name: String) -> [UInt8]? {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources"),
              let data = try? Data(contentsOf: url) else { return nil }
        return Array(data)
    }

    static func contentType(_ name: String) -> String {
        if name.hasSuffix(".html") { return "text/html; charset=utf-8" }
        if name.hasSuffix(".js") { return "text/javascript; charset=utf-8" }
        return "text/css; charset=utf-8"
    }
}
