package org.opendps.store.jdbc;

import java.util.regex.Pattern;

/** Makes JDBC URLs and driver messages safe and short enough for a one-line error. */
final class JdbcUrls {
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@]*:)[^/@]*@");

    private JdbcUrls() {}

    /** The URL with any password replaced by {@code ***}, whether a parameter or user info. */
    static String redact(String jdbcUrl) {
        String url = PASSWORD_PARAMETER.matcher(jdbcUrl).replaceAll("$1***");
        return USER_INFO.matcher(url).replaceAll("$1***@");
    }

    /**
     * The first sentence of a driver's message, without its trailing period: drivers append advice and server
     * details (PostgreSQL's "Detail:" lines may quote row values, keys among them) that do not belong in one line.
     */
    static String firstSentence(Throwable error) {
        Throwable t = error;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline).strip();
        }
        int stop = message.indexOf(". ");
        if (stop >= 0) {
            message = message.substring(0, stop);
        }
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }
}
