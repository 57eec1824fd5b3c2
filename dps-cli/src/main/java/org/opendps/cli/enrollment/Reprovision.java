package org.opendps.cli.enrollment;

import org.opendps.core.enrollment.ReprovisionPolicy;

/** {@code --reprovision}: the three meaningful reprovision policies by name. */
public enum Reprovision {
    /** Stay on the current hub: updateHubAssignment false. */
    never(new ReprovisionPolicy(false, false), "never (keep the device on its hub)"),
    /** Move, starting from the initial twin: true/false. */
    reset(new ReprovisionPolicy(true, false), "reset (reassign; start from the initial twin)"),
    /** Move, taking the device's data along: true/true, Azure's default. */
    migrate(new ReprovisionPolicy(true, true), "migrate (reassign; migrate the device's data)");

    private final ReprovisionPolicy policy;
    private final String description;

    Reprovision(ReprovisionPolicy policy, String description) {
        this.policy = policy;
        this.description = description;
    }

    public ReprovisionPolicy policy() {
        return policy;
    }

    public String describe() {
        return description;
    }

    /** The name of a policy; one that does not move the device is "never", whatever its migrate flag says. */
    public static Reprovision of(ReprovisionPolicy policy) {
        if (!policy.updateHubAssignment()) {
            return never;
        }
        return policy.migrateDeviceData() ? migrate : reset;
    }
}
