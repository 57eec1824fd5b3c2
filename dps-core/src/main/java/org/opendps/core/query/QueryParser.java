package org.opendps.core.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;

/**
 * Reads the SQL-like query text clients send: {@code SELECT * [FROM name] [WHERE field = value [AND ...]]}. Java
 * sends {@code select * from enrollments}, the Azure CLI a bare {@code SELECT *}; the FROM name is not checked
 * because the route already says what is queried.
 */
public final class QueryParser {
    private static final int MAX_QUERY_LENGTH = 4096;

    private final String text;
    private int pos;

    private QueryParser(String text) {
        this.text = text;
    }

    public static Filter parse(String query, Set<FilterField> allowed) {
        if (query == null || query.isBlank()) {
            throw new DpsException(DpsError.INVALID_QUERY, "The query is empty.");
        }
        if (query.length() > MAX_QUERY_LENGTH) {
            throw new DpsException(DpsError.INVALID_QUERY, "The query is longer than " + MAX_QUERY_LENGTH + ".");
        }
        return new QueryParser(query).filter(allowed);
    }

    private Filter filter(Set<FilterField> allowed) {
        expectKeyword("SELECT");
        skipSpace();
        expect('*');
        List<Filter.Condition> conditions = new ArrayList<>();
        if (acceptKeyword("FROM")) {
            word();
        }
        if (acceptKeyword("WHERE")) {
            do {
                conditions.add(condition(allowed));
            } while (acceptKeyword("AND"));
        }
        skipSpace();
        if (pos != text.length()) {
            throw error("unexpected '" + text.substring(pos, Math.min(text.length(), pos + 20)) + "'");
        }
        return new Filter(conditions);
    }

    private Filter.Condition condition(Set<FilterField> allowed) {
        String name = word();
        FilterField field = FilterField.fromWireName(name)
                .filter(allowed::contains)
                .orElseThrow(() -> error("cannot filter on '" + name + "'; fields: " + names(allowed)));
        skipSpace();
        expect('=');
        return new Filter.Condition(field, value());
    }

    private String value() {
        skipSpace();
        if (pos < text.length() && (text.charAt(pos) == '\'' || text.charAt(pos) == '"')) {
            char quote = text.charAt(pos++);
            int end = text.indexOf(quote, pos);
            if (end < 0) {
                throw error("unterminated string");
            }
            String value = text.substring(pos, end);
            pos = end + 1;
            return value;
        }
        return word();
    }

    private String word() {
        skipSpace();
        int start = pos;
        while (pos < text.length() && isWordChar(text.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw error("a name was expected at position " + start);
        }
        return text.substring(start, pos);
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == ':' || c == '$';
    }

    private void expectKeyword(String keyword) {
        if (!acceptKeyword(keyword)) {
            throw error(keyword + " was expected");
        }
    }

    private boolean acceptKeyword(String keyword) {
        skipSpace();
        int end = pos + keyword.length();
        if (end <= text.length() && text.substring(pos, end).toUpperCase(Locale.ROOT).equals(keyword)
                && (end == text.length() || !isWordChar(text.charAt(end)))) {
            pos = end;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        skipSpace();
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw error("'" + c + "' was expected at position " + pos);
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private static String names(Set<FilterField> allowed) {
        return allowed.stream().map(FilterField::wireName).sorted().toList().toString();
    }

    private static DpsException error(String problem) {
        return new DpsException(DpsError.INVALID_QUERY, "Invalid query: " + problem + ".");
    }
}
