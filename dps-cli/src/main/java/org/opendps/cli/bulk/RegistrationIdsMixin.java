package org.opendps.cli.bulk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.opendps.cli.CliException;
import org.opendps.core.error.DpsException;
import org.opendps.core.validation.Identifiers;
import picocli.CommandLine.Option;

/**
 * The registration IDs of a production run: {@code --count N --prefix P} (P0001, P0002, ...) or {@code --ids-from
 * FILE} (one per line; blank lines and {@code #} comments skipped). Every ID is checked against Azure's rule, and no
 * two may differ only in case, since DPS treats them as one.
 */
public final class RegistrationIdsMixin {
    /** The most IDs one run makes; far beyond a shift's output, low enough to catch a typo in --count. */
    static final int MAX_COUNT = 1_000_000;

    @Option(names = "--count", order = 10, paramLabel = "N", description = "How many devices, named by --prefix.")
    Integer count;

    @Option(names = "--prefix", order = 11, paramLabel = "P",
            description = "Registration ID prefix: P0001, P0002, ... (at least 4 digits).")
    String prefix;

    @Option(names = "--start", order = 12, paramLabel = "N", defaultValue = "1",
            description = "The first number after the prefix. Default: ${DEFAULT-VALUE}.")
    int start = 1;

    @Option(names = "--ids-from", order = 13, paramLabel = "FILE",
            description = "A file of registration IDs, one per line (instead of --count/--prefix).")
    Path idsFrom;

    /** Whether any of these options was given: the command runs in bulk. */
    public boolean given() {
        return count != null || prefix != null || idsFrom != null;
    }

    public List<String> registrationIds() {
        List<String> ids = idsFrom != null ? fromFile() : numbered();
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            try {
                Identifiers.registrationId("registration ID", id);
            } catch (DpsException e) {
                throw CliException.usage("'" + id + "' is not a valid registration ID: " + e.getMessage());
            }
            if (!seen.add(id.toLowerCase(Locale.ROOT))) {
                throw CliException.usage("registration ID '" + id + "' appears twice (IDs are case-insensitive)");
            }
        }
        if (ids.isEmpty()) {
            throw CliException.usage("no registration IDs in " + idsFrom);
        }
        return ids;
    }

    private List<String> numbered() {
        if (count == null || prefix == null) {
            throw CliException.usage("give --count and --prefix together, or --ids-from FILE");
        }
        if (count < 1 || count > MAX_COUNT) {
            throw CliException.usage("--count must be between 1 and " + MAX_COUNT);
        }
        if (start < 0) {
            throw CliException.usage("--start must not be negative");
        }
        int digits = Math.max(4, String.valueOf((long) start + count - 1).length());
        List<String> ids = new ArrayList<>(count);
        for (long n = start; n < (long) start + count; n++) {
            ids.add(prefix + String.format(Locale.ROOT, "%0" + digits + "d", n));
        }
        return ids;
    }

    private List<String> fromFile() {
        if (count != null || prefix != null) {
            throw CliException.usage("give --ids-from or --count/--prefix, not both");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(idsFrom);
        } catch (IOException e) {
            throw CliException.local("cannot read " + idsFrom + ": " + e.getMessage());
        }
        List<String> ids = new ArrayList<>();
        for (String line : lines) {
            String id = line.strip();
            if (!id.isEmpty() && !id.startsWith("#")) {
                ids.add(id);
            }
        }
        if (ids.size() > MAX_COUNT) {
            throw CliException.usage(idsFrom + " holds more than " + MAX_COUNT + " IDs");
        }
        return ids;
    }
}
