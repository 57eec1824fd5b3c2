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
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.server.ServerConfig;
import org.opendps.server.mqtt.MqttWebSockets;
import org.opendps.server.tls.ServerTls;
import org.opendps.server.tls.TlsPeer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS listener. It matches the route and collects the request on the event loop, then runs the handler on
 * the worker pool (core and store code block), and writes the answer back on the event loop. WebSocket upgrades
 * carry MQTT ({@link MqttWebSockets}).
 */
public final class HttpsVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(HttpsVerticle.class);

    private final ServerConfig config;
    private final RouteTable routes;
    private final HttpErrorMapper errors;
    private final WorkerExecutor worker;
    private final MqttWebSockets mqtt;
    private HttpServer server;

    /** @param mqtt null to refuse WebSocket upgrades */
    public HttpsVerticle(ServerConfig config, RouteTable routes, HttpErrorMapper errors, WorkerExecutor worker,
            MqttWebSockets mqtt) {
        this.config = config;
        this.routes = routes;
        this.errors = errors;
        this.worker = worker;
        this.mqtt = mqtt;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()));
        router.route().handler(this::dispatch);
        router.route().failureHandler(this::failed);
        HttpServerOptions options = ServerTls.apply(new HttpServerOptions(), config.tls())
                .setHost(config.bindAddress())
                .setPort(config.httpsPort())
                .setMaxHeaderSize(16 * 1024)
                .setCompressionSupported(false);
        if (mqtt == null) {
            server = vertx.createHttpServer(options).requestHandler(router).invalidRequestHandler(this::unreadable)
                    .webSocketHandshakeHandler(handshake -> handshake.reject(404));
        } else {
            server = vertx.createHttpServer(mqtt.configure(options)).requestHandler(router)
                    .invalidRequestHandler(this::unreadable)
                    .webSocketHandshakeHandler(mqtt::handshake).webSocketHandler(mqtt::connected);
        }
        return server.listen();
    }

    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    public int actualPort() {
        return server.actualPort();
    }

    private void dispatch(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Optional<RouteTable.Match> match;
        try {
            match = routes.match(request.method().name(), request.path());
            checkContentType(request, ctx.body().length());
        } catch (DpsException e) {
            send(ctx.response(), errors.map(e));
            return;
        }
        if (match.isEmpty()) {
            send(ctx.response(), errors.map(new DpsException(DpsError.NOT_FOUND,
                    "No resource at " + request.path() + ".")));
            return;
        }
        ApiRequest apiRequest = new ApiRequest(request.method().name(), request.path(), match.get().params(),
                copyHeaders(request)::get, ctx.body().buffer() == null ? null : ctx.body().buffer().getBytes(),
                request.query(), TlsPeer.chain(request.connection().sslSession()));
        RouteTable.Handler handler = match.get().handler();
        worker.executeBlocking(() -> handler.handle(apiRequest), false)
                .onComplete(result -> send(ctx.response(),
                        result.succeeded() ? result.result() : errors.map(result.cause())));
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
        send(ctx.response(), errors.map(error != null ? error : ctx.failure()));
    }

    /**
     * A body Netty's HTTP decoder gave up on (a chunk size that is not hex, or overflows): the client's mistake, a
     * 400, not a bug of ours (found by MalformedInputIT).
     */
    private static boolean isUnreadableBody(Throwable failure) {
        return failure != null && Arrays.stream(failure.getStackTrace()).limit(3)
                .anyMatch(frame -> frame.getClassName().startsWith("io.netty.handler.codec.http."));
    }

    /**
     * A request Netty's HTTP codec could not read (a broken request line, header or chunk, a line or headers over
     * the limit): Azure's error body like every other refusal, where Vert.x would answer an empty 400, and the
     * connection closed, since where the next request starts is unknown.
     */
    private void unreadable(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        String why = cause instanceof TooLongHttpLineException ? "The request line is too long."
                : cause instanceof TooLongHttpHeaderException ? "The request headers are too large."
                : "The request could not be read as HTTP/1.1.";
        HttpServerResponse response = request.response().putHeader("Connection", "close")
                .endHandler(ended -> request.connection().close());
        send(response, errors.map(new DpsException(DpsError.BAD_REQUEST, why)));
    }

    private static Map<String, String> copyHeaders(HttpServerRequest request) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.headers().forEach(entry -> headers.putIfAbsent(entry.getKey(), entry.getValue()));
        return headers;
    }

    private static void send(HttpServerResponse response, ApiResponse answer) {
        if (response.closed() || response.ended()) {
            return;
        }
        response.setStatusCode(answer.status());
        answer.headers().forEach(response::putHeader);
        response.end(io.vertx.core.buffer.Buffer.buffer(answer.body()));
    }
}
