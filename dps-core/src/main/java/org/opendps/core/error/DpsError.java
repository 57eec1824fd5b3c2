package org.opendps.core.error;

/**
 * The catalogue of every error OpenDPS reports. Azure's rule holds for each code: {@code code / 1000} is the HTTP
 * status, and the last three digits tell cases of one status apart.
 */
public enum DpsError {
    BAD_REQUEST(400000, "The request is not valid."),
    INVALID_JSON(400001, "The request body is not valid JSON."),
    INVALID_FIELD(400004, "A field of the request is not valid."),
    INVALID_ID(400005, "The identifier is not valid."),
    INVALID_CERTIFICATE_DATA(400006, "The certificate could not be parsed."),
    INVALID_QUERY(400007, "The query is not valid."),
    INVALID_BULK_OPERATION(400008, "The bulk operation is not valid."),
    INVALID_VERIFICATION_CERTIFICATE(400009, "The verification certificate does not prove possession of the CA key."),
    VERIFICATION_CODE_MISSING(400010, "No verification code was generated for the certificate."),
    NO_HUB_AVAILABLE(400201, "No linked IoT hub can take the device."),
    CUSTOM_ALLOCATION_FAILED(400207, "The custom allocation webhook failed."),
    CUSTOM_ALLOCATION_IOTHUB_NOT_SPECIFIED(400208, "The custom allocation webhook returned no IoT hub."),
    CUSTOM_ALLOCATION_UNAUTHORIZED_ACCESS(400209, "The custom allocation webhook refused the request."),
    UNAUTHORIZED(401000, "Authorization failed."),
    INVALID_TOKEN(401001, "The shared access signature is not valid."),
    DEVICE_UNAUTHORIZED(401002, "The device could not be authenticated."),
    TOKEN_EXPIRED(401003, "The shared access signature has expired."),
    INSUFFICIENT_RIGHTS(401004, "The shared access policy lacks the right this operation needs."),
    ENROLLMENT_DISABLED(403001, "The enrollment is disabled."),
    DEVICE_QUEUE_FULL(403004, "The device's cloud-to-device queue is full."),
    NOT_FOUND(404000, "The resource was not found."),
    DEVICE_NOT_FOUND(404001, "The device was not found in the IoT hub."),
    DEVICE_NOT_ONLINE(404103, "The device is not connected to the IoT hub."),
    ENROLLMENT_NOT_FOUND(404201, "The individual enrollment was not found."),
    ENROLLMENT_GROUP_NOT_FOUND(404202, "The enrollment group was not found."),
    REGISTRATION_NOT_FOUND(404203, "The device registration was not found."),
    POLICY_NOT_FOUND(404204, "The shared access policy was not found."),
    OPERATION_NOT_FOUND(404205, "The registration operation was not found."),
    LINKED_HUB_NOT_FOUND(404206, "The linked IoT hub was not found."),
    CA_CERTIFICATE_NOT_FOUND(404207, "The CA certificate was not found."),
    METHOD_NOT_ALLOWED(405000, "The method is not allowed on this resource."),
    CONFLICT(409000, "The request conflicts with the current state."),
    DEVICE_ALREADY_EXISTS(409001, "The device already exists in the IoT hub."),
    ALREADY_EXISTS(409201, "The resource already exists."),
    PRECONDITION_FAILED(412002, "The ETag does not match the ETag of the existing resource."),
    PAYLOAD_TOO_LARGE(413000, "The request body is too large."),
    URI_TOO_LONG(414000, "The request line is too long."),
    UNSUPPORTED_MEDIA_TYPE(415000, "The request body must be application/json."),
    THROTTLED(429001, "Too many requests."),
    HEADERS_TOO_LARGE(431000, "The request headers are too large."),
    INTERNAL_ERROR(500000, "An internal error occurred."),
    HUB_OPERATION_FAILED(500201, "The IoT hub could not be updated."),
    SERVICE_UNAVAILABLE(503000, "The service is unavailable."),
    ASSIGNMENT_ABANDONED(503001, "The node assigning the device stopped before it finished; register again."),
    GATEWAY_TIMEOUT(504101, "The device did not answer the direct method in time.");

    private final int code;
    private final String defaultMessage;

    DpsError(int code, String defaultMessage) {
        this.code = code;
        this.defaultMessage = defaultMessage;
    }

    public int code() {
        return code;
    }

    public int httpStatus() {
        return code / 1000;
    }

    public String defaultMessage() {
        return defaultMessage;
    }

    /** The name Azure puts in {@code x-ms-error-code} style headers: the enum name in PascalCase. */
    public String pascalName() {
        StringBuilder out = new StringBuilder();
        for (String part : name().split("_")) {
            out.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return out.toString();
    }
}
