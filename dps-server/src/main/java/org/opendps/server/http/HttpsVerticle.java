package org.opendps.server.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.server.ServerConfig;
import org.opendps.server.limits.HttpConnectionGuard;
import org.opendps.server.mqtt.MqttWebSockets;
import org.opendps.server.tls.ServerTls;
import org.opendps.server.tls.TlsPeer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS listener. It matches the route and collects the request on the event loop, then runs the handler on
 * the worker pool (core and store code block), and writes the answer back on the event loop. Device requests and
 * the rest queue for workers apart ({@code deviceWorker}, {@code serviceWorker}), so that a flood of devices
 * leaves the service API usable. WebSocket upgrades carry MQTT ({@link MqttWebSockets}).
 */
public final class HttpsVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(HttpsVerticle.class);
    /** Well within the 10 s a SIGTERM may take, and longer than any request should. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(3);

    private final ServerConfig config;
    private final RouteTable routes;
    private final HttpErrorMapper errors;
    private final WorkerExecutor deviceWorker;
    private final WorkerExecutor serviceWorker;
    private final MqttWebSockets mqtt;
    private HttpConnectionGuard guard;
    private HttpServer server;

    /** @param mqtt null to refuse WebSocket upgrades */
    public HttpsVerticle(ServerConfig config, RouteTable routes, HttpErrorMapper errors, WorkerExecutor deviceWorker,
            WorkerExecutor serviceWorker, MqttWebSockets mqtt) {
        this.config = config;
        this.routes = routes;
        this.errors = errors;
        this.deviceWorker = deviceWorker;
        this.serviceWorker = serviceWorker;
        this.mqtt = mqtt;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()));
        router.route().handler(this::dispatch);
        router.route().failureHandler(this::failed);
        guard = new HttpConnectionGuard(vertx, config.limits());
        HttpServerOptions options = ServerTls.apply(new HttpServerOptions(), config.tls())
                .setHost(config.bindAddress())
                .setPort(config.httpsPort())
                .setMaxHeaderSize(config.limits().maxHeaderBytes())
                .setMaxInitialLineLength(config.limits().maxUriBytes())
                .setSslHandshakeTimeout(config.limits().tlsHandshakeTimeout().toMillis())
                .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS)
                .setCompressionSupported(false);
        if (mqtt == null) {
            server = vertx.createHttpServer(options).requestHandler(router)
                    .webSocketHandshakeHandler(handshake -> handshake.reject(404));
        } else {
            server = vertx.createHttpServer(mqtt.configure(options)).requestHandler(router)
                    .webSocketHandshakeHandler(this::upgrade).webSocketHandler(mqtt::connected);
        }
        server.connectionHandler(guard::opened).invalidRequestHandler(this::invalid);
        return server.listen();
    }

    /**
     * Stops accepting, closes idle connections and lets each request in flight be answered (a register request waits
     * at most the single round trip for its assignment) before its connection closes.
     */
    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture()
                : server.shutdown(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    public int actualPort() {
        return server.actualPort();
    }

    private void upgrade(ServerWebSocketHandshake handshake) {
        guard.upgraded(handshake.remoteAddress());
        mqtt.handshake(handshake);
    }

    /** A request line or headers too long, or not HTTP at all: the status Netty's decoder found, Azure's body. */
    private void invalid(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        DpsException error = cause instanceof TooLongHttpLineException
                ? new DpsException(DpsError.URI_TOO_LONG, "The request line is longer than "
                        + config.limits().maxUriBytes() + " bytes.")
                : cause instanceof TooLongHttpHeaderException
                        ? new DpsException(DpsError.HEADERS_TOO_LARGE, "The request headers are larger than "
                                + config.limits().maxHeaderBytes() + " bytes.")
                        : new DpsException(DpsError.BAD_REQUEST, "The request is not valid HTTP.");
        request.response().putHeader("Connection", "close").endHandler(v -> request.connection().close());
        send(request, errors.map(error));
    }

    private void dispatch(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        guard.requestArrived(request.connection());
        Optional<RouteTable.Match> match;
        try {
            match = routes.match(request.method().name(), request.path());
            checkContentType(request, ctx.body().length());
        } catch (DpsException e) {
            send(ctx.request(), errors.map(e));
            return;
        }
        if (match.isEmpty()) {
            send(ctx.request(), errors.map(new DpsException(DpsError.NOT_FOUND,
                    "No resource at " + request.path() + ".")));
            return;
        }
        ApiRequest apiRequest = new ApiRequest(request.method().name(), request.path(), match.get().params(),
                copyHeaders(request)::get, ctx.body().buffer() == null ? null : ctx.body().buffer().getBytes(),
                request.query(), TlsPeer.chain(request.connection().sslSession()));
        RouteTable.Handler handler = match.get().handler();
        workerFor(request.path()).executeBlocking(() -> handler.handle(apiRequest), false)
                .onComplete(result -> send(ctx.request(),
                        result.succeeded() ? result.result() : errors.map(result.cause())));
    }

    /** Device API paths are {@code /{idScope}/registrations/...}; no service path has that second segment. */
    private WorkerExecutor workerFor(String path) {
        String[] segments = path.split("/", 4);
        return segments.length > 3 && segments[2].equalsIgnoreCase("registrations") ? deviceWorker : serviceWorker;
    }

    /** A JSON API: a body in another declared format is refused; a missing Content-Type is tolerated (Node). */
    private static void checkContentType(HttpServerRequest request, int bodyLength) {
        String type = request.getHeader("Content-Type");
        if (bodyLength > 0 && type != null && !type.toLowerCase(Locale.ROOT).contains("json")) {
            throw new DpsException(DpsError.UNSUPPORTED_MEDIA_TYPE,
                    "The request body must be application/json, not " + type + ".");
        }
    }

    private void failed(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        guard.requestArrived(ctx.request().connection());
        if (ctx.failure() instanceof HttpClosedException) {
            LOG.debug("The client closed the connection before its request was read");
            return;
        }
        DpsException error = ctx.statusCode() == 413
                ? new DpsException(DpsError.PAYLOAD_TOO_LARGE,
                        "The request body is larger than " + config.maxBodyBytes() + " bytes.")
                : ctx.statusCode() >= 400 && ctx.statusCode() < 500 || isUnreadableBody(ctx.failure())
                        ? new DpsException(DpsError.BAD_REQUEST, "The request could not be read.")
                        : null;
        send(ctx.request(), errors.map(error != null ? error : ctx.failure()));
    }

    /**
     * A body Netty's HTTP decoder gave up on (a chunk size that is not hex, or overflows): the client's mistake, a
     * 400, not a bug of ours (found by MalformedInputIT).
     */
    private static boolean isUnreadableBody(Throwable failure) {
        return failure != null && Arrays.stream(failure.getStackTrace()).limit(3)
                .anyMatch(frame -> frame.getClassName().startsWith("io.netty.handler.codec.http."));
    }

    private static Map<String, String> copyHeaders(HttpServerRequest request) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.headers().forEach(entry -> headers.putIfAbsent(entry.getKey(), entry.getValue()));
        return headers;
    }

    /**
     * Writes the answer, unless the client has stopped reading: answers it has not taken would pile up in memory,
     * so such a connection is closed instead.
     */
    private void send(HttpServerRequest request, ApiResponse answer) {
        HttpServerResponse response = request.response();
        if (response.closed() || response.ended()) {
            return;
        }
        if (response.writeQueueFull()) {
            request.connection().close();
            return;
        }
        response.setStatusCode(answer.status());
        answer.headers().forEach(response::putHeader);
        response.end(io.vertx.core.buffer.Buffer.buffer(answer.body()));
        guard.answered(request.connection());
    }
}
