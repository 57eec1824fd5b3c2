package org.opendps.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A custom allocation webhook on loopback that answers from a script of (status, body) pairs and records every
 * request body, for tests of Azure's webhook contract.
 */
final class WebhookServer implements AutoCloseable {
    private final HttpServer server;
    private final BlockingQueue<String[]> answers = new LinkedBlockingQueue<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    WebhookServer() throws IOException {
        this(Duration.ZERO);
    }

    /** A webhook that takes {@code delay} to answer, as a slow one does, so that devices must poll. */
    WebhookServer(Duration delay) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/allocate", exchange -> {
            requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String[] answer = answers.poll();
            int status = answer == null ? 500 : Integer.parseInt(answer[0]);
            byte[] body = (answer == null ? "{}" : answer[1]).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** The URL to put in an enrollment, with a function key as Azure Functions webhooks carry one. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/allocate?code=function-key";
    }

    WebhookServer thenAnswer(int status, String body) {
        answers.add(new String[] {String.valueOf(status), body});
        return this;
    }

    List<String> requests() {
        return requests;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
