package org.opendps.cli.key;

import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opendps.cli.BaseCommand;
import org.opendps.cli.CliException;
import org.opendps.cli.ExitCode;
import org.opendps.cli.OutputMixin;
import org.opendps.cli.bulk.RegistrationIdsMixin;
import org.opendps.cli.output.Csv;
import org.opendps.cli.output.Details;
import org.opendps.cli.output.Json;
import org.opendps.cli.output.OutputFiles;
import org.opendps.core.security.SharedAccessSignatures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code opendps key derive}: a device's key in a symmetric-key enrollment group,
 * {@code base64(HMAC-SHA256(base64decode(groupKey), registrationId))}. Needs no server.
 */
@Command(name = "derive", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Derive a device's symmetric key from its enrollment group's key:",
            "base64(HMAC-SHA256(base64decode(GROUP_KEY), REGISTRATION_ID)). Works offline.",
            "In bulk (--count/--prefix or --ids-from, with --out DIR) it writes a CSV manifest of registrationId, "
                + "derivedKey, owner-only, for a production line."})
public final class KeyDeriveCommand extends BaseCommand {
    static final String[] MANIFEST_HEADER = {"registrationId", "derivedKey"};

    @Option(names = "--group-key", order = 1, paramLabel = "BASE64", required = true,
            description = "The enrollment group's primary or secondary key (`enrollment-group show --show-keys`).")
    String groupKey;

    @Option(names = "--registration-id", order = 2, paramLabel = "ID",
            description = "The device's registration ID (one device).")
    String registrationId;

    @Mixin
    RegistrationIdsMixin bulk;

    @Option(names = "--out", order = 50, paramLabel = "DIR", description = "In bulk: the manifest's directory.")
    Path outDirectory;

    @Option(names = "--manifest", order = 51, paramLabel = "FILE", defaultValue = "keys.csv",
            description = "In bulk: the manifest's name in --out. Default: ${DEFAULT-VALUE}.")
    String manifest;

    @Option(names = "--force", order = 52, description = "Replace a manifest that exists.")
    boolean force;

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
        if (bulk.given()) {
            return deriveAll();
        }
        if (registrationId == null) {
            throw CliException.usage("give --registration-id, or --count/--prefix or --ids-from with --out");
        }
        if (outDirectory != null) {
            throw CliException.usage("--out is for bulk derivation (--count/--prefix or --ids-from)");
        }
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

    /** Many devices: the keys go to an owner-only CSV file, never to the terminal. */
    private ExitCode deriveAll() {
        if (registrationId != null) {
            throw CliException.usage("give --registration-id or the bulk options, not both");
        }
        if (outDirectory == null) {
            throw CliException.usage("bulk derivation writes a manifest: give --out DIR");
        }
        List<String> ids = bulk.registrationIds();
        String key = groupKey.strip();
        derive(key, ids.get(0)); // checks the key once, before any file is touched
        OutputFiles out = new OutputFiles(outDirectory, force);
        out.claim(List.of(manifest));
        Csv csv = new Csv(MANIFEST_HEADER);
        for (String id : ids) {
            csv.row(List.of(id, SharedAccessSignatures.hmac(key, id)));
        }
        Path file = out.writePrivate(manifest, csv.toString());
        Map<String, String> summary = new LinkedHashMap<>();
        summary.put("devices", String.valueOf(ids.size()));
        summary.put("manifest", file.toString());
        if (output.json()) {
            out().println(Json.prettyObject(summary));
        } else {
            Details details = new Details();
            summary.forEach(details::add);
            details.print(out());
        }
        return ExitCode.OK;
    }
}
