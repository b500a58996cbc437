package io.guichet.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The text form of a list: a header row, then one row per item, each column as wide as its widest cell (two spaces
 * apart; the last column is not padded). Cells are single lines: line breaks and runs of spaces become one space.
 */
public final class Table {

    private final List<String[]> rows = new ArrayList<>();

    public Table(String... header) {
        rows.add(header.clone());
    }

    /** Adds a row; it must have as many cells as the header. */
    public Table row(String... cells) {
        if (cells.length != rows.getFirst().length) {
            throw new IllegalArgumentException("a row has " + cells.length + " cells, the header "
                    + rows.getFirst().length);
        }
        rows.add(Arrays.stream(cells).map(c -> c == null ? "" : c.replaceAll("\\s+", " ").strip())
                .toArray(String[]::new));
        return this;
    }

    public void print(PrintWriter out) {
        int[] widths = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].codePointCount(0, row[i].length()));
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - row[i].codePointCount(0, row[i].length()) + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** {@code text} on one line, cut to {@code max} characters with an ellipsis. */
    public static String shorten(String text, int max) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }
}
