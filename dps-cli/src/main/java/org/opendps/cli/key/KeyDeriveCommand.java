package org.opendps.cli.key;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opendps.cli.BaseCommand;
import org.opendps.cli.CliException;
import org.opendps.cli.ExitCode;
import org.opendps.cli.OutputMixin;
import org.opendps.cli.output.Details;
import org.opendps.cli.output.Json;
import org.opendps.core.security.SharedAccessSignatures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code opendps key derive}: a device's key in a symmetric-key enrollment group,
 * {@code base64(HMAC-SHA256(base64decode(groupKey), registrationId))}. Needs no server.
 */
@Command(name = "derive", mixinStandardHelpOptions = true,
        description = {"Derive a device's symmetric key from its enrollment group's key:",
            "base64(HMAC-SHA256(base64decode(GROUP_KEY), REGISTRATION_ID)). Works offline."})
public final class KeyDeriveCommand extends BaseCommand {
    @Option(names = "--group-key", order = 1, paramLabel = "BASE64", required = true,
            description = "The enrollment group's primary or secondary key (`enrollment-group show --show-keys`).")
    String groupKey;

    @Option(names = "--registration-id", order = 2, paramLabel = "ID", required = true,
            description = "The device's registration ID.")
    String registrationId;

    @Mixin
    OutputMixin output;

    /** The device key; a usage error (never repeating the key) when the group key is not base64. */
    public static String derive(String groupKey, String registrationId) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(groupKey);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--group-key is not valid base64");
        }
        if (key.length == 0) {
            throw CliException.usage("--group-key is empty");
        }
        return SharedAccessSignatures.hmac(groupKey, registrationId);
    }

    @Override
    protected ExitCode execute() {
        String derived = derive(groupKey.strip(), registrationId);
        if (output.json()) {
            Map<String, String> result = new LinkedHashMap<>();
            result.put("registrationId", registrationId);
            result.put("derivedKey", derived);
            out().println(Json.prettyObject(result));
        } else {
            new Details().add("registrationId", registrationId).add("derivedKey", derived).print(out());
        }
        return ExitCode.OK;
    }
}
