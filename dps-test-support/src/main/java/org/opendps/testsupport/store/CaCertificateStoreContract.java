package org.opendps.testsupport.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opendps.core.certificate.CaCertificate;
import org.opendps.core.certificate.CaCertificateStore;
import org.opendps.core.query.Filter;
import org.opendps.core.store.VersionedStore;

/** The contract of a {@link CaCertificateStore}; see {@link VersionedStoreContract} for the shared part. */
public interface CaCertificateStoreContract extends VersionedStoreContract<CaCertificate> {

    /** The store under test, empty at the start of each test. */
    CaCertificateStore caCertificateStore();

    @Override
    default VersionedStore<CaCertificate> versionedStore() {
        return caCertificateStore();
    }

    @Override
    default CaCertificate sample(String id) {
        return StoreFixtures.caCertificate(id);
    }

    @Override
    default CaCertificate other(String id) {
        return new CaCertificate(id, StoreFixtures.CERTIFICATE_2, true, null, StoreFixtures.FIRST);
    }

    @Test
    default void a_pending_code_and_then_its_spending_round_trip() {
        CaCertificate pending = StoreFixtures.caCertificate("Root-CA");
        caCertificateStore().insert(pending);
        assertThat(caCertificateStore().find("root-ca")).contains(pending);
        CaCertificate verified = new CaCertificate("Root-CA", pending.certificate(), true, null,
                StoreFixtures.FIRST.next(StoreFixtures.UPDATED));
        assertThat(caCertificateStore().replace(verified, 1)).isTrue();
        assertThat(caCertificateStore().find("ROOT-CA")).contains(verified);
    }

    @Test
    default void query_lists_every_certificate_in_name_order() {
        caCertificateStore().insert(StoreFixtures.caCertificate("b-ca"));
        caCertificateStore().insert(StoreFixtures.caCertificate("A-ca"));
        assertThat(caCertificateStore().query(Filter.ALL, null, 10)).extracting(CaCertificate::name)
                .containsExactly("A-ca", "b-ca");
    }
}
