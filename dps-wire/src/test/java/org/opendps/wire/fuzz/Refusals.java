package org.opendps.wire.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import org.opendps.core.error.DpsException;

/**
 * The invariant every fuzz target of outside input shares: a parser either returns a value or refuses with a
 * {@link DpsException} that the endpoints turn into a 4xx. Anything else escaping is a 500 and a finding.
 */
public final class Refusals {
    private Refusals() {}

    /** The parsed value, or empty when the input was refused with a client error of the expected status. */
    public static <T> Optional<T> parsedOrRefused(int expectedStatus, Supplier<T> parse) {
        try {
            return Optional.of(parse.get());
        } catch (DpsException refusal) {
            assertThat(refusal.error().httpStatus()).as("status of %s", refusal.error()).isEqualTo(expectedStatus);
            assertThat(refusal.getMessage()).as("a refusal says what is wrong").isNotBlank();
            return Optional.empty();
        }
    }

    /** Fuzzer bytes as text the way a server reads a header or topic: invalid UTF-8 becomes U+FFFD. */
    public static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }
}
