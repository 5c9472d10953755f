package dev.arbiter.payout.statement.service;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One CSV cell as RFC 4180 writes it, made safe for spreadsheets: a value that a spreadsheet would run as a
 * formula (starting with {@code = + - @}, or a tab or carriage return that some strip first) is prefixed with
 * {@code '}, so a job title chosen by a lab can never execute on an expert's or admin's machine. Pure.
 */
public final class CsvCell {

    private CsvCell() {
    }

    public static String of(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0
                || text.startsWith(" ") || text.endsWith(" ");
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    /** A whole record, CRLF-terminated as RFC 4180 says. */
    public static String row(List<?> values) {
        return values.stream().map(CsvCell::of).collect(Collectors.joining(",")) + "\r\n";
    }
}
