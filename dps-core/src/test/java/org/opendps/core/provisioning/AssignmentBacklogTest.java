package org.opendps.core.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;

class AssignmentBacklogTest {

    @Test
    void a_registration_past_the_backlog_is_refused_with_429_and_retry_after_until_one_finishes() {
        AssignmentBacklog backlog = new AssignmentBacklog(2, 3);
        backlog.admit();
        backlog.admit();
        assertThatThrownBy(backlog::admit).isInstanceOfSatisfying(DpsException.class, e -> {
            assertThat(e.error()).isEqualTo(DpsError.THROTTLED);
            assertThat(e.retryAfterSeconds()).isEqualTo(3);
        });
        assertThat(backlog.pending()).isEqualTo(2);
        backlog.finished();
        backlog.admit();
        assertThat(backlog.pending()).isEqualTo(2);
    }
}
