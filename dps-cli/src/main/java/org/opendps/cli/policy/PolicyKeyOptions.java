package org.opendps.cli.policy;

import picocli.CommandLine.Option;

/** Keys a user chooses for a policy; left out, the server generates them (create) or keeps them (update). */
public final class PolicyKeyOptions {
    @Option(names = "--primary-key", order = 42, paramLabel = "BASE64",
            description = "Primary key (16 to 64 bytes, base64). Default: generated on create, kept on update.")
    String primaryKey;

    @Option(names = "--secondary-key", order = 43, paramLabel = "BASE64",
            description = "Secondary key. Default: generated on create, kept on update.")
    String secondaryKey;

    boolean given() {
        return primaryKey != null || secondaryKey != null;
    }

    /** "" asks the server for its default. */
    String primary() {
        return primaryKey == null ? "" : primaryKey;
    }

    String secondary() {
        return secondaryKey == null ? "" : secondaryKey;
    }
}
