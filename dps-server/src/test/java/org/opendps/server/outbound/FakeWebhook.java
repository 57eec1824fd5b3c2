package org.opendps.server.outbound;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;

/** A real HTTP(S) server on 127.0.0.1 that records the last request and answers what the test tells it. */
final class FakeWebhook implements AutoCloseable {
    /** What one exchange looked like from the webhook's side. */
    record Received(String method, String pathAndQuery, String contentType, String accept, String body) {}

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final AtomicReference<Received> last = new AtomicReference<>();
    private volatile int status = 200;
    private volatile String responseBody = "";
    private volatile Duration delay = Duration.ZERO;

    private FakeWebhook(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    static FakeWebhook http() {
        try {
            return new FakeWebhook(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FakeWebhook https(SSLContext context) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(context));
            return new FakeWebhook(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FakeWebhook answers(int newStatus, String body) {
        status = newStatus;
        responseBody = body;
        return this;
    }

    FakeWebhook delays(Duration newDelay) {
        delay = newDelay;
        return this;
    }

    String url(String pathAndQuery) {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return scheme + "://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
    }

    Received last() {
        return last.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            last.set(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Accept"), body));
            Thread.sleep(delay.toMillis());
            byte[] bytes = responseBody.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow(); // also wakes a handler that is still sleeping out a delay
    }
}
