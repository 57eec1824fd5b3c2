package org.opendps.testsupport.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opendps.testsupport.store.StoreFixtures.policy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.opendps.core.enrollment.AllocationPolicy;
import org.opendps.core.instance.InstanceStore;
import org.opendps.core.instance.ServiceInstance;
import org.opendps.core.security.AccessRight;
import org.opendps.core.security.SharedAccessPolicy;

/**
 * The contract of an {@link InstanceStore}: one instance, first writer wins, with an allocation policy that may
 * change; policies by case-insensitive key name. Each test expects a store with no instance and no policies.
 */
public interface InstanceStoreContract {

    /** The store under test, empty at the start of each test. */
    InstanceStore instanceStore();

    @Test
    default void find_returns_empty_before_the_instance_is_created() {
        assertThat(instanceStore().find()).isEmpty();
    }

    @Test
    default void createIfAbsent_stores_the_instance_and_returns_it() {
        ServiceInstance instance = StoreFixtures.instance("0ne0000ABCD");
        assertThat(instanceStore().createIfAbsent(instance)).isEqualTo(instance);
        assertThat(instanceStore().find()).contains(instance);
    }

    @Test
    default void createIfAbsent_keeps_the_first_instance() {
        ServiceInstance first = StoreFixtures.instance("0ne00000001");
        instanceStore().createIfAbsent(first);
        assertThat(instanceStore().createIfAbsent(StoreFixtures.instance("0ne00000002"))).isEqualTo(first);
        assertThat(instanceStore().find()).contains(first);
    }

    @Test
    default void concurrent_createIfAbsent_returns_the_same_instance_to_every_caller() throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<ServiceInstance> results = Concurrently.run(VersionedStoreContract.CONCURRENT_WRITERS,
                () -> instanceStore().createIfAbsent(
                        StoreFixtures.instance(String.format("0ne%08X", next.incrementAndGet()))));
        ServiceInstance stored = instanceStore().find().orElseThrow();
        assertThat(results).containsOnly(stored);
    }

    @Test
    default void createIfAbsent_stores_the_allocation_policy_of_the_instance() {
        ServiceInstance instance = StoreFixtures.instance("0ne0000ABCD", AllocationPolicy.GEO_LATENCY);
        assertThat(instanceStore().createIfAbsent(instance)).isEqualTo(instance);
        assertThat(instanceStore().find()).map(ServiceInstance::allocationPolicy).contains(AllocationPolicy.GEO_LATENCY);
    }

    @Test
    default void updateAllocationPolicy_changes_only_the_policy() {
        ServiceInstance instance = StoreFixtures.instance("0ne0000ABCD");
        instanceStore().createIfAbsent(instance);
        instanceStore().updateAllocationPolicy(AllocationPolicy.STATIC);
        assertThat(instanceStore().find()).contains(StoreFixtures.instance("0ne0000ABCD", AllocationPolicy.STATIC));
        instanceStore().updateAllocationPolicy(AllocationPolicy.HASHED);
        assertThat(instanceStore().find()).contains(instance);
    }

    @Test
    default void updateAllocationPolicy_fails_before_the_instance_exists() {
        assertThatThrownBy(() -> instanceStore().updateAllocationPolicy(AllocationPolicy.STATIC))
                .isInstanceOf(IllegalStateException.class);
        assertThat(instanceStore().find()).isEmpty();
    }

    @Test
    default void updateAllocationPolicy_refuses_custom() {
        instanceStore().createIfAbsent(StoreFixtures.instance("0ne0000ABCD"));
        assertThatThrownBy(() -> instanceStore().updateAllocationPolicy(AllocationPolicy.CUSTOM))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(instanceStore().find()).map(ServiceInstance::allocationPolicy).contains(AllocationPolicy.HASHED);
    }

    @Test
    default void policies_is_empty_at_first() {
        assertThat(instanceStore().policies()).isEmpty();
        assertThat(instanceStore().policy(SharedAccessPolicy.OWNER)).isEmpty();
    }

    @Test
    default void putPolicy_stores_keys_and_every_right() {
        SharedAccessPolicy owner = policy(SharedAccessPolicy.OWNER, AccessRight.all());
        instanceStore().putPolicy(owner);
        assertThat(instanceStore().policy(SharedAccessPolicy.OWNER)).contains(owner);
    }

    @Test
    default void a_policy_without_rights_round_trips() {
        SharedAccessPolicy none = policy("nothing", Set.of());
        instanceStore().putPolicy(none);
        assertThat(instanceStore().policy("nothing")).contains(none);
    }

    @Test
    default void policy_ignores_the_case_of_the_key_name() {
        SharedAccessPolicy reader = policy("EnrollmentReader", EnumSet.of(AccessRight.ENROLLMENT_READ));
        instanceStore().putPolicy(reader);
        assertThat(instanceStore().policy("enrollmentreader")).contains(reader);
        assertThat(instanceStore().policy("ENROLLMENTREADER")).contains(reader);
    }

    @Test
    default void putPolicy_replaces_the_policy_of_that_key_name_in_any_case() {
        instanceStore().putPolicy(policy("Devices", EnumSet.of(AccessRight.DEVICE_CONNECT)));
        SharedAccessPolicy replacement = new SharedAccessPolicy("DEVICES", StoreFixtures.SECONDARY_KEY,
                StoreFixtures.PRIMARY_KEY, EnumSet.of(AccessRight.DEVICE_CONNECT, AccessRight.REGISTRATION_STATUS_READ));
        instanceStore().putPolicy(replacement);
        assertThat(instanceStore().policies()).containsExactly(replacement);
        assertThat(instanceStore().policy("devices")).contains(replacement);
    }

    @Test
    default void policies_lists_every_policy() {
        SharedAccessPolicy owner = policy(SharedAccessPolicy.OWNER, AccessRight.all());
        SharedAccessPolicy reader = policy("reader", EnumSet.of(AccessRight.ENROLLMENT_READ));
        instanceStore().putPolicy(reader);
        instanceStore().putPolicy(owner);
        assertThat(instanceStore().policies()).containsExactlyInAnyOrder(owner, reader);
    }

    @Test
    default void createPolicyIfAbsent_keeps_the_policy_of_that_key_name_in_any_case() {
        SharedAccessPolicy first = policy("Owner", AccessRight.all());
        assertThat(instanceStore().createPolicyIfAbsent(first)).isEqualTo(first);

        SharedAccessPolicy second = new SharedAccessPolicy("OWNER", StoreFixtures.SECONDARY_KEY,
                StoreFixtures.PRIMARY_KEY, EnumSet.of(AccessRight.ENROLLMENT_READ));
        assertThat(instanceStore().createPolicyIfAbsent(second)).isEqualTo(first);
        assertThat(instanceStore().policies()).containsExactly(first);
    }

    @Test
    default void concurrent_createPolicyIfAbsent_returns_the_same_policy_to_every_caller() throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<SharedAccessPolicy> results = Concurrently.run(VersionedStoreContract.CONCURRENT_WRITERS,
                () -> instanceStore().createPolicyIfAbsent(new SharedAccessPolicy(SharedAccessPolicy.OWNER,
                        StoreFixtures.PRIMARY_KEY + next.incrementAndGet(), StoreFixtures.SECONDARY_KEY,
                        AccessRight.all())));
        assertThat(results).containsOnly(instanceStore().policy(SharedAccessPolicy.OWNER).orElseThrow());
    }

    @Test
    default void deletePolicy_ignores_case_and_returns_false_when_nothing_was_deleted() {
        instanceStore().putPolicy(policy("Reader", EnumSet.of(AccessRight.ENROLLMENT_READ)));
        instanceStore().putPolicy(policy("writer", EnumSet.of(AccessRight.ENROLLMENT_WRITE)));
        assertThat(instanceStore().deletePolicy("READER")).isTrue();
        assertThat(instanceStore().deletePolicy("reader")).isFalse();
        assertThat(instanceStore().policies()).extracting(SharedAccessPolicy::keyName).containsExactly("writer");
    }
}
