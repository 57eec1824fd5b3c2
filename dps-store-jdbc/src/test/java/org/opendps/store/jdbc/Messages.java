package org.opendps.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

/** What the app prints of an open failure must be one sentence on one line that names the database. */
final class Messages {
    private Messages() {}

    static void assertOneSentenceNaming(Throwable error, String url) {
        String message = error.getMessage();
        assertThat(message).as("message").contains(url).doesNotContain("\n").endsWith(".");
        assertThat(message.substring(0, message.length() - 1)).as("one sentence").doesNotContain(". ");
    }
}
