package org.opendps.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One request written as raw bytes, over TLS or plain TCP, and whatever comes back until the server closes: for
 * what no HTTP client will send (a lying Content-Length, broken chunks, bytes that are not TLS at all).
 */
final class RawExchange {
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    private RawExchange() {}

    /** An HTTP answer as read off the wire; status 0 when the server closed without answering. */
    record Answer(int status, String headers, String body) {
        boolean answered() {
            return status != 0;
        }
    }

    /**
     * Writes {@code request} over TLS, pausing {@code pause} between pieces of {@code piece} bytes (a slow client),
     * and reads until the server closes or {@code wait} passes without a byte.
     */
    static Answer https(SSLContext tls, int port, byte[] request, int piece, Duration pause, Duration wait)
            throws Exception {
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("localhost", port)) {
            socket.setSoTimeout((int) wait.toMillis());
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            for (int from = 0; from < request.length; from += piece) {
                out.write(request, from, Math.min(piece, request.length - from));
                out.flush();
                if (!pause.isZero()) {
                    Thread.sleep(pause.toMillis());
                }
            }
            return parse(readUntilClosed(socket.getInputStream()));
        }
    }

    static Answer https(SSLContext tls, int port, byte[] request) throws Exception {
        return https(tls, port, request, request.length + 1, Duration.ZERO, ANSWER_TIMEOUT);
    }

    /**
     * Plain bytes to a TLS port: whether the server closed the connection within 15 s (an alert at most comes
     * back). A partial TLS record is closed by the handshake timeout, 10 s.
     */
    static boolean plainBytesAreRefused(int port, byte[] garbage) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(garbage);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            while (in.read(buffer) >= 0) {
                // an alert, if anything: read on until the server closes
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static byte[] readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                received.write(buffer, 0, n);
            }
        } catch (IOException resetOrSilent) {
            // what came before the reset or the silence is the answer
        }
        return received.toByteArray();
    }

    /** The first answer in the bytes; a chunked body is joined. */
    static Answer parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || end < 0) {
            return new Answer(0, "", text);
        }
        String headers = text.substring(0, end);
        int status = Integer.parseInt(headers.substring(9, 12));
        String body = text.substring(end + 4);
        if (headers.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
            body = dechunk(body);
        }
        return new Answer(status, headers, body);
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = lineEnd < 0 ? 0 : Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return body.toString();
    }
}
