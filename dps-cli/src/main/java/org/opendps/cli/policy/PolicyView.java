package org.opendps.cli.policy;

import java.util.List;
import org.opendps.cli.output.Details;
import org.opendps.cli.output.Table;
import org.opendps.core.security.AccessRight;
import org.opendps.core.security.SharedAccessPolicy;
import org.opendps.wire.ServiceConnectionString;

/** Policies as text. Showing a policy shows its keys: that is what it is shown for, to ServiceConfig holders. */
final class PolicyView {
    private PolicyView() {}

    /** @param hostName the server's HostName, for the policy's own connection string */
    static Details details(SharedAccessPolicy policy, String hostName) {
        Details details = new Details()
                .add("keyName", policy.keyName())
                .add("rights", AccessRight.format(policy.rights()))
                .add("primaryKey", policy.primaryKey())
                .add("secondaryKey", policy.secondaryKey());
        if (!policy.primaryKey().isEmpty()) {
            details.add("connectionString",
                    new ServiceConnectionString(hostName, policy.keyName(), policy.primaryKey()).format());
        }
        return details;
    }

    static Table table(List<SharedAccessPolicy> policies) {
        Table table = new Table("KEY NAME", "RIGHTS");
        policies.forEach(policy -> table.row(policy.keyName(), AccessRight.format(policy.rights())));
        return table;
    }
}
