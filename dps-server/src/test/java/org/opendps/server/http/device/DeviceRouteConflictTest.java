package org.opendps.server.http.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.server.http.device.FakeRegistrations.send;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opendps.server.http.ApiResponse;
import org.opendps.server.http.RouteTable;

/**
 * Device, service and hub routes share one table on one port. The service and hub paths below are those of
 * {@code http/service/*Routes} and {@code http/hub/*Routes}, registered first as in OpenDpsServer; device paths start
 * with an ID scope ({@code 0ne} and 8 hex digits), which never equals a service or hub path's literal first segment.
 */
class DeviceRouteConflictTest {
    private static final String SCOPE = "0ne0000A1B2";

    private final FakeRegistrations fake = new FakeRegistrations();
    private final RouteTable routes = serviceRoutes();

    DeviceRouteConflictTest() {
        DeviceApiRoutes.create(routes, fake);
    }

    private static RouteTable serviceRoutes() {
        RouteTable routes = new RouteTable();
        for (String[] route : new String[][] {
                {"POST", "/registrations/query"},
                {"POST", "/registrations/{groupId}/query"},
                {"GET", "/registrations/{id}"},
                {"DELETE", "/registrations/{id}"},
                {"POST", "/enrollments/{id}/attestationmechanism"},
                {"POST", "/enrollmentGroups/{id}/attestationmechanism"},
                {"PUT", "/enrollments/{id}"},
                {"PUT", "/linkedHubs/{hostName}"},
                // The one hub route (http/hub) of a device route's shape; hub routes too come first.
                {"POST", "/twins/{id}/methods"}}) {
            String label = route[0] + " " + route[1];
            routes.add(route[0], route[1], request -> new ApiResponse(299, Map.of("X-Route", label), null));
        }
        return routes;
    }

    @Test
    void group_registration_query_is_never_a_device_status_lookup() {
        assertThat(serviceRoute("POST", "/registrations/group-1/query"))
                .isEqualTo("POST /registrations/{groupId}/query");
        assertThat(serviceRoute("POST", "/registrations/query")).isEqualTo("POST /registrations/query");
        // Even a group named like the path's literal stays the service's: its routes come first.
        assertThat(serviceRoute("POST", "/registrations/registrations/query"))
                .isEqualTo("POST /registrations/{groupId}/query");
        assertThat(serviceRoute("POST", "/enrollments/registrations/attestationmechanism"))
                .isEqualTo("POST /enrollments/{id}/attestationmechanism");
        assertThat(fake.lastCredential).isNull();
    }

    @Test
    void device_status_lookup_is_never_a_service_route() {
        ApiResponse response = send(routes, "POST", "/" + SCOPE + "/registrations/query", "{}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).doesNotContainKey("X-Route");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"registrationId\":\"dev-1\"");
    }

    @Test
    void device_register_and_poll_reach_the_device_routes() {
        assertThat(send(routes, "PUT", "/" + SCOPE + "/registrations/query/register", "{}").status()).isEqualTo(200);
        assertThat(fake.lastRequest.registrationId()).isEqualTo("query");
        assertThat(send(routes, "GET", "/" + SCOPE + "/registrations/d/operations/op", null).status())
                .isEqualTo(200);
        assertThat(fake.lastOperationId).isEqualTo("op");
    }

    @Test
    void service_paths_of_other_shapes_still_resolve_to_the_service() {
        assertThat(serviceRoute("GET", "/registrations/dev-1")).isEqualTo("GET /registrations/{id}");
        assertThat(serviceRoute("PUT", "/enrollments/dev-1")).isEqualTo("PUT /enrollments/{id}");
        assertThat(serviceRoute("PUT", "/linkedHubs/hub-1.example.net")).isEqualTo("PUT /linkedHubs/{hostName}");
    }

    @Test
    void a_direct_method_stays_the_hubs_even_for_a_device_named_registrations() {
        assertThat(serviceRoute("POST", "/twins/registrations/methods")).isEqualTo("POST /twins/{id}/methods");
        assertThat(fake.lastCredential).isNull();
    }

    @Test
    void a_device_path_under_another_method_is_405() {
        assertThat(send(routes, "DELETE", "/" + SCOPE + "/registrations/dev-1", null).status()).isEqualTo(405);
        assertThat(send(routes, "POST", "/" + SCOPE + "/registrations/dev-1/register", "{}").status())
                .isEqualTo(405);
    }

    private String serviceRoute(String method, String path) {
        ApiResponse response = send(routes, method, path, "{}");
        assertThat(response.status()).as(method + " " + path).isEqualTo(299);
        return response.headers().get("X-Route");
    }
}
