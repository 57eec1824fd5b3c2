package org.opendps.server.tls;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.opendps.server.ServerConfig;

/**
 * The TLS ceiling of {@code opendps bench tls-ceiling}: an HTTPS listener with exactly the server's TLS setup
 * ({@link ServerTls}, one event loop as the HTTPS verticle has) that answers every request with {@code {}}, so that
 * what a client measures against it is handshakes and HTTP framing and nothing of provisioning. It says whether
 * the client presented a certificate.
 *
 * <p>Run as its own process, {@code BareTlsServer CERT_PEM_FILE KEY_PEM_FILE}: it prints {@code listening PORT} on
 * stdout, and ends when its stdin closes, so it never outlives the bench that started it.
 */
public final class BareTlsServer {
    public static final String READY = "listening ";
    /** Answered {@code true} when the handshake carried a client certificate, so the bench can check it did. */
    public static final String CLIENT_CERTIFICATE = "Client-Certificate";

    private BareTlsServer() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: BareTlsServer CERT_PEM_FILE KEY_PEM_FILE");
            System.exit(2);
        }
        ServerConfig.TlsMaterial material = new ServerConfig.TlsMaterial(Files.readString(Path.of(args[0])),
                Files.readString(Path.of(args[1])));
        Vertx vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer(ServerTls.apply(new HttpServerOptions(), material)
                        .setHost("127.0.0.1").setPort(0).setCompressionSupported(false))
                .requestHandler(request -> request.response().putHeader("Content-Type", "application/json")
                        .putHeader(CLIENT_CERTIFICATE, String.valueOf(!TlsPeer.chain(
                                request.connection().sslSession()).isEmpty()))
                        .end("{}"))
                .listen().await(30, TimeUnit.SECONDS);
        System.out.println(READY + server.actualPort());
        System.out.flush();
        waitForEndOf(System.in);
        vertx.close().await(10, TimeUnit.SECONDS);
        System.exit(0);
    }

    private static void waitForEndOf(InputStream in) {
        try {
            while (in.read() >= 0) {
                // nothing is sent; only the end matters
            }
        } catch (IOException e) {
            // the parent is gone: end as if stdin had closed
        }
    }
}
