package org.opendps.cli.tpm;

import java.io.File;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opendps.attestation.tpm.TpmRegistrationId;
import org.opendps.cli.BaseCommand;
import org.opendps.cli.CliException;
import org.opendps.cli.ExitCode;
import org.opendps.cli.OutputMixin;
import org.opendps.cli.output.Details;
import org.opendps.cli.output.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tss.Tpm;
import tss.TpmDevice;
import tss.TpmDeviceLinux;
import tss.TpmDeviceTcp;
import tss.TpmException;

/**
 * {@code opendps tpm ek}: a TPM's endorsement key, storage root key and the registration ID the Azure SDKs derive
 * from the EK, printed as {@code enrollment create} takes them. Reads {@code /dev/tpmrm0} (or {@code /dev/tpm0}), or
 * a simulator that speaks the Microsoft simulator's TCP protocol (swtpm, ms-tpm-20-ref).
 */
@Command(name = "ek", mixinStandardHelpOptions = true,
        description = {"Print a TPM's endorsement key (EK), storage root key (SRK) and the registration ID derived "
                + "from the EK, for `opendps enrollment create --attestation tpm`.",
            "Keys the device's SDK would create on first use (persistent handles 0x81010001, 0x81000001) are created "
                + "and persisted now if missing, so that the device later presents the same EK."})
public final class TpmEkCommand extends BaseCommand {
    private static final List<String> DEVICES = List.of("/dev/tpmrm0", "/dev/tpm0");

    @Option(names = "--simulator", order = 1, paramLabel = "HOST:PORT",
            description = "A TPM simulator's command port (swtpm socket --server, or ms-tpm-20-ref), instead of "
                    + "/dev/tpmrm0.")
    String simulator;

    @Mixin
    OutputMixin output;

    @Override
    protected ExitCode execute() {
        TpmKeys keys = readKeys();
        String registrationId = TpmRegistrationId.of(keys.endorsementKey());
        String ek = Base64.getEncoder().encodeToString(keys.endorsementKey());
        String srk = Base64.getEncoder().encodeToString(keys.storageRootKey());
        if (!keys.created().isEmpty()) {
            err().println("created and persisted on the TPM: " + keys.created());
        }
        if (output.json()) {
            Map<String, String> result = new LinkedHashMap<>();
            result.put("registrationId", registrationId);
            result.put("endorsementKey", ek);
            result.put("storageRootKey", srk);
            out().println(Json.prettyObject(result));
        } else {
            new Details().add("registrationId", registrationId).add("endorsementKey", ek)
                    .add("storageRootKey", srk).print(out());
            out().println();
            out().println("opendps enrollment create --registration-id " + registrationId
                    + " --attestation tpm --endorsement-key " + ek + " --storage-root-key " + srk);
        }
        return ExitCode.OK;
    }

    private TpmKeys readKeys() {
        TpmDevice device = simulator != null ? simulatorDevice() : localDevice();
        Tpm tpm = new Tpm();
        tpm._setDevice(device);
        try {
            return TpmKeys.read(tpm);
        } catch (TpmException | IllegalStateException e) {
            throw new CliException(ExitCode.LOCAL, "the TPM refused: " + e.getMessage(), e);
        } finally {
            device.close();
        }
    }

    private TpmDevice simulatorDevice() {
        int colon = simulator.lastIndexOf(':');
        int port;
        try {
            port = Integer.parseInt(simulator.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw CliException.usage("--simulator takes HOST:PORT, not " + simulator);
        }
        if (colon <= 0 || port <= 0 || port >= 65535) {
            throw CliException.usage("--simulator takes HOST:PORT, not " + simulator);
        }
        TpmDeviceTcp device = new TpmDeviceTcp(simulator.substring(0, colon), port);
        if (!device.connect()) {
            throw CliException.local("no TPM simulator answers at " + simulator);
        }
        return device;
    }

    private static TpmDevice localDevice() {
        if (DEVICES.stream().noneMatch(path -> new File(path).exists())) {
            throw CliException.local("no TPM here (" + String.join(", ", DEVICES) + "); for a simulator use "
                    + "--simulator HOST:PORT");
        }
        TpmDeviceLinux device = new TpmDeviceLinux();
        if (!device.connect()) {
            throw CliException.local("cannot open " + String.join(" or ", DEVICES) + " (permissions? the tss group)");
        }
        return device;
    }
}
