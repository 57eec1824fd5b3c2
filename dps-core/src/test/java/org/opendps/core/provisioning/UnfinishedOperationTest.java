package org.opendps.core.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opendps.core.enrollment.Revision;
import org.opendps.core.error.DpsError;
import org.opendps.core.registration.DeviceRegistrationState;
import org.opendps.core.registration.RegistrationStatus;

/** Issue #9: a poll of an operation a dead node left {@code assigning} must let the device finish. */
class UnfinishedOperationTest {
    private static final Instant BEGAN = Instant.parse("2026-11-25T10:00:00Z");
    private static final RegistrationOperation LEFT_ASSIGNING = new RegistrationOperation("op-1", "device-1",
            RegistrationStatus.ASSIGNING, BEGAN, BEGAN);
    private static final Instant LATER = BEGAN.plus(UnfinishedOperation.ABANDONED_AFTER).plusSeconds(1);

    @Test
    void an_operation_within_the_bound_is_still_assigning_with_retry_after() {
        Instant justWithin = BEGAN.plus(UnfinishedOperation.ABANDONED_AFTER);

        RegistrationOperationStatus answer = UnfinishedOperation.answer(LEFT_ASSIGNING, Optional.empty(), justWithin,
                3);

        assertThat(answer.status()).isEqualTo(RegistrationStatus.ASSIGNING);
        assertThat(answer.registrationState()).isNull();
        assertThat(answer.retryAfterSeconds()).isEqualTo(3);
    }

    @Test
    void an_abandoned_operation_without_a_later_state_fails_so_that_the_device_registers_again() {
        DeviceRegistrationState before = state(BEGAN.minusSeconds(60));

        RegistrationOperationStatus answer = UnfinishedOperation.answer(LEFT_ASSIGNING, Optional.of(before), LATER, 3);

        assertThat(answer.status()).isEqualTo(RegistrationStatus.FAILED);
        assertThat(answer.operationId()).isEqualTo("op-1");
        DeviceRegistrationState failed = answer.registrationState();
        assertThat(failed.registrationId()).isEqualTo("device-1");
        assertThat(failed.status()).isEqualTo(RegistrationStatus.FAILED);
        assertThat(failed.errorCode()).isEqualTo(DpsError.ASSIGNMENT_ABANDONED.code());
        assertThat(failed.errorMessage()).contains("register again");
    }

    @Test
    void an_abandoned_operation_answers_the_state_written_after_it_began() {
        DeviceRegistrationState assigned = state(BEGAN.plusMillis(300)); // written just before the node died

        RegistrationOperationStatus answer = UnfinishedOperation.answer(LEFT_ASSIGNING, Optional.of(assigned), LATER,
                3);

        assertThat(answer.status()).isEqualTo(RegistrationStatus.ASSIGNED);
        assertThat(answer.registrationState()).isEqualTo(assigned);
        assertThat(answer.retryAfterSeconds()).isZero();
    }

    @Test
    void an_assignment_marked_again_is_not_taken_for_abandoned() {
        RegistrationOperation marked = LEFT_ASSIGNING.markedAt(BEGAN.plus(Duration.ofMinutes(4)));

        assertThat(UnfinishedOperation.abandoned(LEFT_ASSIGNING, LATER)).isTrue();
        assertThat(UnfinishedOperation.abandoned(marked, LATER)).isFalse();
        assertThat(UnfinishedOperation.answer(marked, Optional.empty(), LATER, 3).status())
                .isEqualTo(RegistrationStatus.ASSIGNING);
    }

    @Test
    void an_assignment_that_waited_long_in_the_queue_marks_its_operation_before_it_starts() {
        assertThat(UnfinishedOperation.waitedLong(LEFT_ASSIGNING, BEGAN.plusSeconds(5))).isFalse();
        assertThat(UnfinishedOperation.waitedLong(LEFT_ASSIGNING,
                BEGAN.plus(UnfinishedOperation.LONG_WAIT).plusSeconds(1))).isTrue();
    }

    private static DeviceRegistrationState state(Instant written) {
        return new DeviceRegistrationState("device-1", null, "hub.example", "device-1", RegistrationStatus.ASSIGNED,
                null, null, null, null, new Revision(2, BEGAN.minusSeconds(3600), written));
    }
}
