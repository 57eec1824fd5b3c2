package org.opendps.core.validation;

import java.util.regex.Pattern;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;

/** The rules Azure applies to the names clients choose. */
public final class Identifiers {
    /** Registration and enrollment group IDs: alphanumerics and {@code - . _ :}, ending alphanumeric or {@code -}. */
    private static final Pattern ENROLLMENT_ID = Pattern.compile("[A-Za-z0-9._:-]*[A-Za-z0-9-]");
    /** IoT Hub device IDs. */
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9\\-.%_*?!(),:=@$']+");
    private static final Pattern POLICY_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?"
            + "(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");

    public static final int MAX_ENROLLMENT_ID = 128;
    public static final int MAX_DEVICE_ID = 128;
    public static final int MAX_POLICY_NAME = 64;
    public static final int MAX_HOST_NAME = 253;

    private Identifiers() {}

    public static String registrationId(String field, String value) {
        return check(field, value, ENROLLMENT_ID, MAX_ENROLLMENT_ID,
                "alphanumerics and - . _ : only, ending with an alphanumeric or -");
    }

    public static String deviceId(String field, String value) {
        return check(field, value, DEVICE_ID, MAX_DEVICE_ID, "alphanumerics and - . % _ * ? ! ( ) , : = @ $ ' only");
    }

    public static String policyName(String field, String value) {
        return check(field, value, POLICY_NAME, MAX_POLICY_NAME, "alphanumerics and - . _ only");
    }

    public static String hostName(String field, String value) {
        return check(field, value, HOST_NAME, MAX_HOST_NAME, "a DNS host name");
    }

    private static String check(String field, String value, Pattern pattern, int maxLength, String rule) {
        if (value == null || value.isEmpty()) {
            throw new DpsException(DpsError.INVALID_ID, "'" + field + "' is required.");
        }
        if (value.length() > maxLength) {
            throw new DpsException(DpsError.INVALID_ID,
                    "'" + field + "' is longer than " + maxLength + " characters.");
        }
        if (!pattern.matcher(value).matches()) {
            throw new DpsException(DpsError.INVALID_ID, "'" + field + "' must be " + rule + ".");
        }
        return value;
    }
}
