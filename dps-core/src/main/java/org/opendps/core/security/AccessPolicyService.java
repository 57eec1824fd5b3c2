package org.opendps.core.security;

import java.util.List;
import java.util.Objects;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.core.instance.InstanceStore;
import org.opendps.core.validation.Base64Values;
import org.opendps.core.validation.Identifiers;

/** Management of the shared access policies (under the ServiceConfig right). */
public final class AccessPolicyService {
    private final InstanceStore store;

    public AccessPolicyService(InstanceStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    public List<SharedAccessPolicy> list() {
        return store.policies();
    }

    public SharedAccessPolicy get(String keyName) {
        return store.policy(keyName).orElseThrow(() -> notFound(keyName));
    }

    /** Creates or replaces a policy; empty keys are generated on create and kept on update. */
    public SharedAccessPolicy put(String pathName, SharedAccessPolicy draft) {
        Identifiers.policyName("keyName", draft.keyName());
        if (!draft.keyName().equalsIgnoreCase(pathName)) {
            throw DpsException.invalidField("keyName", "must equal the name in the request path");
        }
        if (draft.rights().isEmpty()) {
            throw DpsException.invalidField("rights", "at least one right is required");
        }
        SharedAccessPolicy current = store.policy(draft.keyName()).orElse(null);
        SharedAccessPolicy policy = new SharedAccessPolicy(
                current == null ? draft.keyName() : current.keyName(),
                key("primaryKey", draft.primaryKey(), current == null ? null : current.primaryKey()),
                key("secondaryKey", draft.secondaryKey(), current == null ? null : current.secondaryKey()),
                draft.rights());
        if (current != null && current.grants(AccessRight.SERVICE_CONFIG) && !policy.grants(AccessRight.SERVICE_CONFIG)) {
            requireAnotherAdmin(current.keyName());
        }
        store.putPolicy(policy);
        return policy;
    }

    public void delete(String keyName) {
        SharedAccessPolicy current = get(keyName);
        if (current.grants(AccessRight.SERVICE_CONFIG)) {
            requireAnotherAdmin(current.keyName());
        }
        store.deletePolicy(current.keyName());
    }

    /** Without a ServiceConfig policy nobody could manage the service again, so the last one stays. */
    private void requireAnotherAdmin(String keyName) {
        boolean another = store.policies().stream()
                .anyMatch(p -> !p.keyName().equalsIgnoreCase(keyName) && p.grants(AccessRight.SERVICE_CONFIG));
        if (!another) {
            throw new DpsException(DpsError.CONFLICT,
                    "Policy '" + keyName + "' is the last one with ServiceConfig; it cannot lose that right.");
        }
    }

    private static String key(String field, String requested, String stored) {
        if (requested == null || requested.isEmpty()) {
            return stored != null ? stored : SharedAccessSignatures.generateKey();
        }
        Base64Values.decode(field, requested, 16, 64);
        return requested;
    }

    private static DpsException notFound(String keyName) {
        return new DpsException(DpsError.POLICY_NOT_FOUND, "Policy '" + keyName + "' was not found.");
    }
}
