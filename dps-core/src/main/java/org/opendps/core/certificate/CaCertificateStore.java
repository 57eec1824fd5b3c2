package org.opendps.core.certificate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opendps.core.query.Filter;
import org.opendps.core.store.VersionedStore;

/** The instance's CA certificates, by case-insensitive name. */
public interface CaCertificateStore extends VersionedStore<CaCertificate> {
    int PAGE = 500;

    /** Every certificate in name order: an instance holds a handful, read page by page all the same. */
    default List<CaCertificate> all() {
        List<CaCertificate> all = new ArrayList<>();
        List<CaCertificate> page;
        String after = null;
        do {
            page = query(Filter.ALL, after, PAGE);
            all.addAll(page);
            after = page.isEmpty() ? null : page.get(page.size() - 1).id().toLowerCase(Locale.ROOT);
        } while (page.size() == PAGE);
        return all;
    }
}
