package org.opendps.cli.output;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** One resource as aligned {@code key  value} lines; rows without a value are left out. */
public final class Details {
    private final List<String[]> rows = new ArrayList<>();

    public Details add(String key, Object value) {
        if (value != null && !String.valueOf(value).isEmpty()) {
            rows.add(new String[] {key, String.valueOf(value)});
        }
        return this;
    }

    public void print(PrintWriter out) {
        int width = rows.stream().mapToInt(row -> row[0].length()).max().orElse(0);
        for (String[] row : rows) {
            out.println(pad(row[0], width) + "  " + row[1]);
        }
    }

    static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    @Override
    public String toString() {
        StringWriter text = new StringWriter();
        print(new PrintWriter(text));
        return text.toString();
    }
}
