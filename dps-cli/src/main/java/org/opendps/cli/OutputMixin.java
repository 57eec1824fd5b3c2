package org.opendps.cli;

import picocli.CommandLine.Option;

/** {@code --output text|json}, on every command that prints a result. */
public final class OutputMixin {
    @Option(names = {"-o", "--output"}, order = 90, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (aligned, for people) or json (the server's JSON, pretty-printed). "
                    + "Default: ${DEFAULT-VALUE}.")
    private OutputFormat format = OutputFormat.text;

    public OutputFormat format() {
        return format;
    }

    public boolean json() {
        return format == OutputFormat.json;
    }
}
