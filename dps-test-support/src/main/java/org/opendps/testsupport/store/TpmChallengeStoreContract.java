package org.opendps.testsupport.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.testsupport.store.StoreFixtures.CREATED;
import static org.opendps.testsupport.store.StoreFixtures.UPDATED;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.opendps.core.provisioning.TpmChallenge;
import org.opendps.core.provisioning.TpmChallengeStore;

/**
 * The contract of a {@link TpmChallengeStore}: one challenge per registration ID, found case-insensitively, replaced
 * by the next, and consumed once only, even by racing registrations. Each test expects an empty store.
 */
public interface TpmChallengeStoreContract {
    Instant EXPIRES = CREATED.plus(Duration.ofMinutes(5));

    /** The store under test, empty at the start of each test. */
    TpmChallengeStore tpmChallengeStore();

    @Test
    default void find_returns_empty_for_a_device_never_challenged() {
        assertThat(tpmChallengeStore().find("tpm-1")).isEmpty();
    }

    @Test
    default void put_stores_an_open_challenge_found_whatever_the_case_of_the_registration_id() {
        tpmChallengeStore().put(TpmChallenge.open("Tpm-1", "a2V5LTE=", "ZWstMQ==", "c3JrLTE=", EXPIRES));

        assertThat(tpmChallengeStore().find("TPM-1")).contains(
                new TpmChallenge("Tpm-1", "a2V5LTE=", "ZWstMQ==", "c3JrLTE=", EXPIRES, null, null));
    }

    @Test
    default void a_new_challenge_replaces_the_previous_one_even_a_used_one() {
        tpmChallengeStore().put(TpmChallenge.open("tpm-1", "a2V5LTE=", "ZWstMQ==", "c3JrLTE=", EXPIRES));
        assertThat(tpmChallengeStore().markUsed("tpm-1", "a2V5LTE=", UPDATED, "aHViLTE=")).isTrue();

        tpmChallengeStore().put(TpmChallenge.open("tpm-1", "a2V5LTI=", "ZWstMg==", "c3JrLTI=",
                EXPIRES.plusSeconds(60)));

        assertThat(tpmChallengeStore().find("tpm-1")).contains(
                new TpmChallenge("tpm-1", "a2V5LTI=", "ZWstMg==", "c3JrLTI=", EXPIRES.plusSeconds(60), null, null));
    }

    @Test
    default void mark_used_records_when_and_the_hub_key() {
        tpmChallengeStore().put(TpmChallenge.open("tpm-1", "a2V5LTE=", "ZWstMQ==", "c3JrLTE=", EXPIRES));

        assertThat(tpmChallengeStore().markUsed("tpm-1", "a2V5LTE=", UPDATED, "aHViLTE=")).isTrue();

        assertThat(tpmChallengeStore().find("tpm-1")).contains(
                new TpmChallenge("tpm-1", "a2V5LTE=", "ZWstMQ==", "c3JrLTE=", EXPIRES, UPDATED, "aHViLTE="));
    }

    @Test
    default void a_challenge_is_used_once_only() {
        tpmChallengeStore().put(TpmChallenge.open("tpm-1", "a2V5LTE=", "ZWstMQ==", "c3JrLTE=", EXPIRES));
        tpmChallengeStore().markUsed("tpm-1", "a2V5LTE=", UPDATED, "aHViLTE=");

        assertThat(tpmChallengeStore().markUsed("tpm-1", "a2V5LTE=", UPDATED.plusSeconds(1), "aHViLTI=")).isFalse();
        assertThat(tpmChallengeStore().find("tpm-1").orElseThrow().hubKey()).isEqualTo("aHViLTE=");
    }

    @Test
    default void a_replaced_challenge_cannot_be_used() {
        tpmChallengeStore().put(TpmChallenge.open("tpm-1", "a2V5LTE=", "ZWstMQ==", "c3JrLTE=", EXPIRES));
        tpmChallengeStore().put(TpmChallenge.open("tpm-1", "a2V5LTI=", "ZWstMQ==", "c3JrLTE=", EXPIRES));

        assertThat(tpmChallengeStore().markUsed("tpm-1", "a2V5LTE=", UPDATED, "aHViLTE=")).isFalse();
        assertThat(tpmChallengeStore().markUsed("tpm-2", "a2V5LTE=", UPDATED, "aHViLTE=")).isFalse();
    }

    @Test
    default void of_racing_registrations_one_uses_the_challenge() throws Exception {
        tpmChallengeStore().put(TpmChallenge.open("tpm-1", "a2V5LTE=", "ZWstMQ==", "c3JrLTE=", EXPIRES));
        AtomicInteger attempt = new AtomicInteger();

        List<Boolean> used = Concurrently.run(8, () -> tpmChallengeStore().markUsed("tpm-1", "a2V5LTE=", UPDATED,
                "aHViLT" + attempt.incrementAndGet() + "="));

        assertThat(used).containsOnlyOnce(true);
    }
}
