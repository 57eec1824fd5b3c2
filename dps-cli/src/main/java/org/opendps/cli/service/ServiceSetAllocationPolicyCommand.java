package org.opendps.cli.service;

import java.util.Arrays;
import java.util.Iterator;
import org.opendps.cli.ExitCode;
import org.opendps.cli.OnlineCommand;
import org.opendps.cli.output.Json;
import org.opendps.core.enrollment.AllocationPolicy;
import org.opendps.wire.json.LinkedHubJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** {@code opendps service set-allocation-policy hashed|geoLatency|static}. */
@Command(name = "set-allocation-policy", mixinStandardHelpOptions = true,
        description = {"Set how devices are assigned whose enrollment names no allocation policy of its own.",
            "custom is available only per enrollment."})
public final class ServiceSetAllocationPolicyCommand extends OnlineCommand {
    @Parameters(index = "0", paramLabel = "POLICY", converter = InstancePolicyConverter.class,
            completionCandidates = InstancePolicyConverter.Names.class,
            description = "One of: ${COMPLETION-CANDIDATES} (any case).")
    AllocationPolicy policy;

    @Override
    protected ExitCode execute() {
        byte[] body = client().put("/properties", LinkedHubJson.writeAllocationPolicy(policy), null).body();
        if (output.json()) {
            out().println(Json.pretty(body));
        } else {
            ServiceView.details(LinkedHubJson.readProperties(body)).print(out());
        }
        return ExitCode.OK;
    }

    /** The policies an instance may have, by their enrollment names in any case (ARM's PascalCase included). */
    public static final class InstancePolicyConverter implements ITypeConverter<AllocationPolicy> {
        @Override
        public AllocationPolicy convert(String value) {
            return AllocationPolicy.fromWireName(value.strip()).filter(p -> p != AllocationPolicy.CUSTOM)
                    .orElseThrow(() -> new TypeConversionException("expected one of hashed, geoLatency, static"
                            + " (custom is available only per enrollment)"));
        }

        /** For help and shell completion. */
        public static final class Names implements Iterable<String> {
            @Override
            public Iterator<String> iterator() {
                return Arrays.stream(AllocationPolicy.values()).filter(p -> p != AllocationPolicy.CUSTOM)
                        .map(AllocationPolicy::wireName).iterator();
            }
        }
    }
}
