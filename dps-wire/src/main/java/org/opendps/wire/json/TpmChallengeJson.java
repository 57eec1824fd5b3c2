package org.opendps.wire.json;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The 401 body that challenges a TPM device ({@code protocol/dps-device.md} §3), in Azure's shape: Java and Node
 * read {@code authenticationKey}, the C SDK also {@code keyName}, which becomes its token's {@code skn}.
 */
public final class TpmChallengeJson {
    /** The key name Azure sends; devices sign with the key itself, so it names nothing secret. */
    private static final String KEY_NAME = "registration";

    private TpmChallengeJson() {}

    public static byte[] write(String authenticationKey) {
        ObjectNode node = JsonBodies.object();
        node.put("message", "Authorization required, resend request using supplied key");
        node.put("authenticationKey", authenticationKey);
        node.put("keyName", KEY_NAME);
        return JsonBodies.toBytes(node);
    }
}
