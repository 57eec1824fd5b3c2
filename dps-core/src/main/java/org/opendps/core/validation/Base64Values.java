package org.opendps.core.validation;

import java.util.Base64;
import org.opendps.core.error.DpsException;

/** Checks of base64 fields that name the field when they fail. */
public final class Base64Values {
    private Base64Values() {}

    /** The decoded bytes; a 400 naming the field when the value is not base64 or its length is out of range. */
    public static byte[] decode(String field, String value, int minBytes, int maxBytes) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw DpsException.invalidField(field, "not valid base64");
        }
        if (bytes.length < minBytes || bytes.length > maxBytes) {
            throw DpsException.invalidField(field,
                    "must decode to between " + minBytes + " and " + maxBytes + " bytes, not " + bytes.length);
        }
        return bytes;
    }
}
