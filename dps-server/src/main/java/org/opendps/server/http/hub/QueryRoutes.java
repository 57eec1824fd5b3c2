package org.opendps.server.http.hub;

import static org.opendps.hub.builtin.HubRight.REGISTRY_READ;
import static org.opendps.hub.builtin.HubRight.SERVICE_CONNECT;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.core.query.Filter;
import org.opendps.core.query.FilterField;
import org.opendps.core.query.Page;
import org.opendps.core.query.QueryParser;
import org.opendps.hub.registry.HubDevice;
import org.opendps.hub.registry.HubRegistry;
import org.opendps.hub.twin.TwinService;
import org.opendps.server.http.ApiRequest;
import org.opendps.server.http.ApiResponse;
import org.opendps.server.http.RouteTable;
import org.opendps.wire.json.HubRegistryJson;

/**
 * {@code POST /devices/query}: the twins of a hub's devices, a page at a time. Of IoT Hub's query language only
 * {@code SELECT * FROM devices} is understood, with an optional {@code WHERE} of equalities on {@code deviceId}
 * (exact, as device IDs are case-sensitive) and {@code status} (any case) joined by {@code AND}; anything else is
 * a 400 rather than a wrong answer.
 */
final class QueryRoutes {
    /** FROM must name the devices: {@code devices.modules} and {@code devices.jobs} are other collections. */
    private static final Pattern FROM_DEVICES = Pattern.compile(
            "(?is)\\s*SELECT\\s+\\*\\s+FROM\\s+devices(\\s+WHERE\\s.*)?\\s*");

    private final HubRegistry registry;
    private final TwinService twins;

    private QueryRoutes(HubRegistry registry, TwinService twins) {
        this.registry = registry;
        this.twins = twins;
    }

    /** Queries read twins (ServiceConnect); Azure lets RegistryRead query devices too. */
    static void register(RouteTable routes, HubGuard guard, HubRegistry registry, TwinService twins) {
        QueryRoutes r = new QueryRoutes(registry, twins);
        routes.add("POST", "/devices/query", guard.requiringAny(EnumSet.of(SERVICE_CONNECT, REGISTRY_READ), r::query));
    }

    /**
     * The JSON array of matching twins, at most {@code x-ms-max-item-count} of them, with {@code x-ms-continuation}
     * only while more pages follow (the clients loop while it is present). A page is one stretch of the registry in
     * device ID order, filtered, so it may hold fewer twins than asked for, none even, and still have a next one.
     */
    private ApiResponse query(ApiRequest request, String hub) {
        Filter filter = parse(HubRegistryJson.readQuery(request.body()));
        Optional<String> deviceId = value(filter, FilterField.DEVICE_ID);
        Page<HubDevice> page = deviceId.isPresent()
                ? new Page<>(registry.find(hub, deviceId.get()).stream().toList(), null)
                : registry.list(hub, request.intHeader("x-ms-max-item-count"), request.header("x-ms-continuation"));
        List<String> found = new ArrayList<>();
        for (HubDevice device : page.items()) {
            if (matches(filter, device)) {
                twin(hub, device.deviceId()).ifPresent(found::add);
            }
        }
        // An item type, as the DPS's own query pages carry one; the Java service client does not read it.
        ApiResponse response = ApiResponse.ok(HubRegistryJson.writeArray(found)).withHeader("x-ms-item-type", "twin");
        return page.continuation() == null ? response : response.withHeader("x-ms-continuation", page.continuation());
    }

    static Filter parse(String query) {
        if (query == null || !FROM_DEVICES.matcher(query).matches()) {
            throw new DpsException(DpsError.INVALID_QUERY,
                    "Only SELECT * FROM devices is supported, with an optional WHERE on deviceId and status.");
        }
        return QueryParser.parse(query, EnumSet.of(FilterField.DEVICE_ID, FilterField.STATUS));
    }

    static boolean matches(Filter filter, HubDevice device) {
        for (Filter.Condition condition : filter.conditions()) {
            boolean match = condition.field() == FilterField.DEVICE_ID
                    ? condition.value().equals(device.deviceId())
                    : condition.value().equalsIgnoreCase(device.enabled() ? "enabled" : "disabled");
            if (!match) {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> value(Filter filter, FilterField field) {
        return filter.conditions().stream().filter(c -> c.field() == field).map(Filter.Condition::value).findFirst();
    }

    /** A device deleted since it was listed is left out, as if the page had been read a moment later. */
    private Optional<String> twin(String hub, String deviceId) {
        try {
            return Optional.of(twins.get(hub, deviceId));
        } catch (DpsException e) {
            if (e.error() == DpsError.DEVICE_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
