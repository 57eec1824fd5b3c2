package org.opendps.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --page-size} and {@code --max} of the list commands. */
public final class PagingMixin {
    public static final int MAX_PAGE_SIZE = 1000;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    private int pageSize = 100;
    private Integer max;

    @Option(names = "--page-size", order = 50, paramLabel = "N", defaultValue = "100",
            description = "Items per request (x-ms-max-item-count), 1 to " + MAX_PAGE_SIZE
                    + ". Default: ${DEFAULT-VALUE}.")
    void pageSize(int value) {
        if (value < 1 || value > MAX_PAGE_SIZE) {
            throw new ParameterException(mixee.commandLine(),
                    "--page-size must be between 1 and " + MAX_PAGE_SIZE + ", not " + value);
        }
        this.pageSize = value;
    }

    @Option(names = "--max", order = 51, paramLabel = "N", description = "Stop after N items. Default: all.")
    void max(int value) {
        if (value < 1) {
            throw new ParameterException(mixee.commandLine(), "--max must be at least 1, not " + value);
        }
        this.max = value;
    }

    public int pageSize() {
        return pageSize;
    }

    /** Null for all. */
    public Integer max() {
        return max;
    }
}
