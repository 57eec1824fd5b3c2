package org.opendps.testsupport.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.testsupport.store.StoreFixtures.CREATED;
import static org.opendps.testsupport.store.StoreFixtures.UPDATED;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.opendps.core.instance.ServerCa;
import org.opendps.core.instance.ServerCaStore;

/**
 * The contract of a {@link ServerCaStore}: one CA per instance, kept exactly, first writer wins, even among nodes
 * starting at once. The PEM texts are opaque to a store. Each test expects an empty store.
 */
public interface ServerCaStoreContract {
    String CERTIFICATE_PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUstandIn\n-----END CERTIFICATE-----\n";
    String KEY_PEM = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGstandIn\n-----END PRIVATE KEY-----\n";

    /** The store under test, empty at the start of each test. */
    ServerCaStore serverCaStore();

    @Test
    default void find_returns_empty_before_the_ca_is_created() {
        assertThat(serverCaStore().find()).isEmpty();
    }

    @Test
    default void createIfAbsent_stores_the_ca_exactly_and_returns_it() {
        ServerCa ca = new ServerCa(CERTIFICATE_PEM, KEY_PEM, CREATED);

        assertThat(serverCaStore().createIfAbsent(ca)).isEqualTo(ca);
        assertThat(serverCaStore().find()).contains(ca);
    }

    @Test
    default void createIfAbsent_keeps_the_first_ca() {
        ServerCa first = new ServerCa(CERTIFICATE_PEM, KEY_PEM, CREATED);
        serverCaStore().createIfAbsent(first);

        assertThat(serverCaStore().createIfAbsent(new ServerCa(CERTIFICATE_PEM + "2", KEY_PEM + "2", UPDATED)))
                .isEqualTo(first);
        assertThat(serverCaStore().find()).contains(first);
    }

    @Test
    default void concurrent_createIfAbsent_returns_the_same_ca_to_every_caller() throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<ServerCa> results = Concurrently.run(VersionedStoreContract.CONCURRENT_WRITERS, () -> {
            int n = next.incrementAndGet();
            return serverCaStore().createIfAbsent(new ServerCa(CERTIFICATE_PEM + n, KEY_PEM + n, CREATED));
        });

        assertThat(results).containsOnly(serverCaStore().find().orElseThrow());
    }

    @Test
    default void to_string_leaves_out_the_private_key() {
        assertThat(new ServerCa(CERTIFICATE_PEM, KEY_PEM, CREATED).toString()).doesNotContain("PRIVATE", "standIn");
    }
}
