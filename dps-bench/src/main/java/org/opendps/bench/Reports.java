package org.opendps.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.Map;
import org.opendps.cli.output.Details;

/** A bench report: JSON for scripts, else one {@code name: value} line per field (nested ones on one line). */
final class Reports {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Reports() {}

    static void print(PrintWriter out, boolean json, Map<String, Object> fields) {
        if (json) {
            try {
                out.println(JSON.writeValueAsString(fields));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a report that is not JSON", e);
            }
            return;
        }
        Details details = new Details();
        fields.forEach((name, value) -> details.add(name, text(value)));
        details.print(out);
    }

    private static String text(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder text = new StringBuilder();
            map.forEach((key, item) -> text.append(text.length() == 0 ? "" : ", ").append(key).append(": ")
                    .append(text(item)));
            return text.length() == 0 ? "none" : text.toString();
        }
        return String.valueOf(value);
    }
}
