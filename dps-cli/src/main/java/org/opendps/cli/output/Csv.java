package org.opendps.cli.output;

import java.util.List;
import java.util.stream.Collectors;

/** CSV text (RFC 4180): a header row, then one row per record, fields quoted only when they must be. */
public final class Csv {
    private final StringBuilder text = new StringBuilder();

    public Csv(String... header) {
        row(List.of(header));
    }

    public Csv row(List<String> fields) {
        text.append(fields.stream().map(Csv::field).collect(Collectors.joining(","))).append("\r\n");
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    private static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
