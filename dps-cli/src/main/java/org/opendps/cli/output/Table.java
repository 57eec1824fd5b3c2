package org.opendps.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Rows under upper-case headings, each column as wide as its widest cell. */
public final class Table {
    private final String[] headings;
    private final List<String[]> rows = new ArrayList<>();

    public Table(String... headings) {
        this.headings = headings.clone();
    }

    public Table row(Object... cells) {
        if (cells.length != headings.length) {
            throw new IllegalArgumentException(headings.length + " cells expected, not " + cells.length);
        }
        String[] text = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            text[i] = cells[i] == null ? "-" : String.valueOf(cells[i]);
        }
        rows.add(text);
        return this;
    }

    public int size() {
        return rows.size();
    }

    public void print(PrintWriter out) {
        int[] widths = new int[headings.length];
        for (int i = 0; i < headings.length; i++) {
            widths[i] = headings[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        line(out, headings, widths);
        rows.forEach(row -> line(out, row, widths));
    }

    private static void line(PrintWriter out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            line.append(i == cells.length - 1 ? cells[i] : Details.pad(cells[i], widths[i]) + "  ");
        }
        out.println(line.toString().stripTrailing());
    }
}
