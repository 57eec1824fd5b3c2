package org.opendps.server.http.service;

import static org.opendps.core.security.AccessRight.SERVICE_CONFIG;

import org.opendps.core.certificate.CaCertificateService;
import org.opendps.core.security.ServiceAuthenticator;
import org.opendps.core.security.SharedAccessPolicy;
import org.opendps.server.http.ApiRequest;
import org.opendps.server.http.ApiResponse;
import org.opendps.server.http.RouteTable;
import org.opendps.wire.json.CaCertificateJson;

/**
 * {@code /certificates}: OpenDPS's admin API for CA certificates and their proof of possession, in ARM's shapes
 * ({@code protocol/dps-service.md} §8). Every call needs ServiceConfig: which CAs are trusted decides which devices
 * may register.
 */
final class CertificateRoutes {
    private final CaCertificateService certificates;

    private CertificateRoutes(CaCertificateService certificates) {
        this.certificates = certificates;
    }

    static void register(RouteTable routes, ServiceApi api) {
        CertificateRoutes r = new CertificateRoutes(api.caCertificates());
        ServiceAuthenticator<SharedAccessPolicy> auth = api.authenticator();
        routes.add("GET", "/certificates", Authorized.requiring(SERVICE_CONFIG, auth, r::list))
                .add("GET", "/certificates/{name}", Authorized.requiring(SERVICE_CONFIG, auth, r::get))
                .add("PUT", "/certificates/{name}", Authorized.requiring(SERVICE_CONFIG, auth, r::put))
                .add("DELETE", "/certificates/{name}", Authorized.requiring(SERVICE_CONFIG, auth, r::delete))
                .add("POST", "/certificates/{name}/generateVerificationCode",
                        Authorized.requiring(SERVICE_CONFIG, auth, r::generateVerificationCode))
                .add("POST", "/certificates/{name}/verify", Authorized.requiring(SERVICE_CONFIG, auth, r::verify));
    }

    private ApiResponse list(ApiRequest request) {
        return ApiResponse.ok(CaCertificateJson.writeList(certificates.list()));
    }

    private ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(CaCertificateJson.write(certificates.get(request.param(0)), false));
    }

    private ApiResponse put(ApiRequest request) {
        CaCertificateJson.Upload upload = CaCertificateJson.readUpload(request.body());
        return ApiResponse.ok(CaCertificateJson.write(certificates.upload(request.param(0), upload.certificate(),
                upload.verified(), request.header("If-Match")), false));
    }

    private ApiResponse delete(ApiRequest request) {
        certificates.delete(request.param(0), request.header("If-Match"));
        return ApiResponse.noContent();
    }

    private ApiResponse generateVerificationCode(ApiRequest request) {
        return ApiResponse.ok(CaCertificateJson.write(
                certificates.generateVerificationCode(request.param(0), request.header("If-Match")), true));
    }

    private ApiResponse verify(ApiRequest request) {
        String proof = CaCertificateJson.readVerification(request.body());
        return ApiResponse.ok(CaCertificateJson.write(
                certificates.verify(request.param(0), request.header("If-Match"), proof), false));
    }
}
