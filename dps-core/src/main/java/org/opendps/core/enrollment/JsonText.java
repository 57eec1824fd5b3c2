package org.opendps.core.enrollment;

import java.util.Objects;

/**
 * A JSON value kept as text (an initial twin, a registration payload). The wire module checks that it parses and
 * has the right shape; the core only carries it, so that it stays free of any JSON library.
 */
public record JsonText(String json) {
    public JsonText {
        Objects.requireNonNull(json, "json");
    }

    @Override
    public String toString() {
        return json;
    }
}
