package org.opendps.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A plain-HTTP stand-in for the service API: answers scripted responses in order and records each request, so
 * that the commands' HTTP conversation can be checked offline.
 */
public final class StubServiceApi implements AutoCloseable {
    public static final String KEY = "c2VjcmV0LWtleS1vZi1hdC1sZWFzdC0xNi1ieXRlcw==";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final Deque<Answer> answers = new ArrayDeque<>();
    private final List<Request> requests = new ArrayList<>();

    public record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private record Answer(int status, String body, Map<String, String> headers) {}

    public StubServiceApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public StubServiceApi answer(int status, String body) {
        return answer(status, body, Map.of());
    }

    public synchronized StubServiceApi answer(int status, String body, Map<String, String> headers) {
        answers.add(new Answer(status, body, headers));
        return this;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The connection options that point a command here. */
    public String[] connection() {
        return new String[] {"--connection-string",
            "HostName=stub.example;SharedAccessKeyName=provisioningserviceowner;SharedAccessKey=" + KEY,
            "--endpoint", "http://127.0.0.1:" + server.getAddress().getPort()};
    }

    /** The command's arguments followed by the connection options. */
    public String[] args(String... command) {
        String[] connection = connection();
        String[] all = new String[command.length + connection.length];
        System.arraycopy(command, 0, all, 0, command.length);
        System.arraycopy(connection, 0, all, command.length, connection.length);
        return all;
    }

    private void handle(HttpExchange exchange) throws IOException {
        Answer answer;
        synchronized (this) {
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            answer = answers.isEmpty() ? new Answer(500, "{\"errorCode\":500000,\"message\":\"unscripted\"}",
                    Map.of()) : answers.poll();
        }
        byte[] body = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
        answer.headers().forEach(exchange.getResponseHeaders()::add);
        if (body.length > 0) {
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        }
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
