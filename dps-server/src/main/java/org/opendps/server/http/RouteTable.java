package org.opendps.server.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;

/**
 * Routes by path segments, with literal segments matched case-insensitively (Node's service client writes
 * {@code /enrollmentgroups}) and parameters percent-decoded (Node encodes {@code :} as {@code %3A}, Java does not
 * encode at all).
 */
public final class RouteTable {
    /** A handler of one route; runs on a worker thread and may block. */
    @FunctionalInterface
    public interface Handler {
        ApiResponse handle(ApiRequest request);
    }

    /** Wraps each handler as it is added, knowing its method and pattern (the audit trail's hook). */
    @FunctionalInterface
    public interface Decorator {
        Handler decorate(String method, String pattern, Handler handler);
    }

    /** A route matched against a request, with its decoded parameters. */
    public record Match(Handler handler, List<String> params) {}

    private record Route(String method, String[] segments, Handler handler) {}

    private final List<Route> routes;
    private final Decorator decorator;

    public RouteTable() {
        this(new ArrayList<>(), (method, pattern, handler) -> handler);
    }

    private RouteTable(List<Route> routes, Decorator decorator) {
        this.routes = routes;
        this.decorator = decorator;
    }

    /** A view of this table whose {@link #add} wraps each handler first; routes added through it land here. */
    public RouteTable decoratedBy(Decorator decorator) {
        return new RouteTable(routes, java.util.Objects.requireNonNull(decorator, "decorator"));
    }

    /** @param pattern like {@code /enrollments/{id}/attestationmechanism}; {@code {..}} marks a parameter */
    public RouteTable add(String method, String pattern, Handler handler) {
        routes.add(new Route(method, split(pattern), decorator.decorate(method, pattern, handler)));
        return this;
    }

    /** The matching route; 405 when the path exists under another method; empty when no path matches. */
    public Optional<Match> match(String method, String rawPath) {
        String[] segments = split(rawPath);
        boolean pathKnown = false;
        for (Route route : routes) {
            List<String> params = matchSegments(route.segments(), segments);
            if (params != null) {
                if (route.method().equals(method)) {
                    return Optional.of(new Match(route.handler(), params));
                }
                pathKnown = true;
            }
        }
        if (pathKnown) {
            throw new DpsException(DpsError.METHOD_NOT_ALLOWED, method + " is not allowed on " + rawPath + ".");
        }
        return Optional.empty();
    }

    private static List<String> matchSegments(String[] pattern, String[] actual) {
        if (pattern.length != actual.length) {
            return null;
        }
        List<String> params = new ArrayList<>();
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i].startsWith("{")) {
                params.add(percentDecode(actual[i]));
            } else if (!pattern[i].equalsIgnoreCase(actual[i])) {
                return null;
            }
        }
        return params;
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    /** RFC 3986 percent-decoding of a path segment: unlike form decoding, '+' stays '+'. */
    static String percentDecode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        StringBuilder out = new StringBuilder(segment.length());
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    throw new DpsException(DpsError.INVALID_ID, "The path has a malformed percent-encoding.");
                }
                pending.write(hex(segment.charAt(i + 1)) * 16 + hex(segment.charAt(i + 2)));
                i += 2;
            } else {
                flush(pending, out);
                out.append(c);
            }
        }
        flush(pending, out);
        return out.toString();
    }

    private static void flush(ByteArrayOutputStream pending, StringBuilder out) {
        if (pending.size() > 0) {
            out.append(pending.toString(StandardCharsets.UTF_8));
            pending.reset();
        }
    }

    private static int hex(char c) {
        int value = Character.digit(c, 16);
        if (value < 0) {
            throw new DpsException(DpsError.INVALID_ID, "The path has a malformed percent-encoding.");
        }
        return value;
    }

    @Override
    public String toString() {
        return "RouteTable" + routes.stream().map(r -> r.method() + " /" + String.join("/", r.segments()))
                .toList().toString().toLowerCase(Locale.ROOT);
    }
}
