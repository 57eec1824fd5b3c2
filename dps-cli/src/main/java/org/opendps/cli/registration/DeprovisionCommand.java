package org.opendps.cli.registration;

import java.util.List;
import java.util.Map;
import org.opendps.cli.CliException;
import org.opendps.cli.ExitCode;
import org.opendps.cli.OnlineCommand;
import org.opendps.cli.http.ServiceClient;
import org.opendps.cli.output.Json;
import org.opendps.cli.output.Table;
import org.opendps.core.registration.Deprovisioning;
import org.opendps.core.registration.Deprovisioning.Action;
import org.opendps.wire.json.DeprovisionJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code opendps deprovision REGISTRATION_ID | --group GROUP_ID [--delete]}: disables (or deletes) registered
 * devices in their hub through {@code POST /registrations/{id}/deprovision} or
 * {@code POST /enrollmentGroups/{id}/deprovision}, OpenDPS extensions.
 */
@Command(name = "deprovision", mixinStandardHelpOptions = true,
        description = {"Disable a registered device in its IoT hub, or with --delete delete it there and forget its "
                + "registration. With --group, every assigned device of an enrollment group."})
public final class DeprovisionCommand extends OnlineCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "REGISTRATION_ID",
            description = "The device's registration ID; omit with --group.")
    String registrationId;

    @Option(names = "--group", order = 40, paramLabel = "GROUP_ID",
            description = "Every assigned device that registered through this enrollment group.")
    String group;

    @Option(names = "--delete", order = 41,
            description = "Delete the device in its hub and its registration state, instead of disabling it.")
    boolean delete;

    @Override
    protected ExitCode execute() {
        if ((registrationId == null) == (group == null)) {
            throw CliException.usage("give either a REGISTRATION_ID or --group GROUP_ID");
        }
        Action action = delete ? Action.DELETE : Action.DISABLE;
        String path = group == null ? ServiceClient.path("registrations", registrationId, "deprovision")
                : ServiceClient.path("enrollmentGroups", group, "deprovision");
        byte[] body = client().post(path, DeprovisionJson.writeBody(action), Map.of()).body();
        if (output.json()) {
            out().println(Json.pretty(body));
            return ExitCode.OK;
        }
        List<Deprovisioning.Result> done = DeprovisionJson.readResults(body);
        String verb = action == Action.DELETE ? "Deleted" : "Disabled";
        if (done.isEmpty()) {
            out().println("No assigned devices in enrollment group '" + group + "'.");
        } else if (group == null) {
            Deprovisioning.Result one = done.get(0);
            out().println(verb + " device '" + one.deviceId() + "' in " + one.assignedHub() + ".");
        } else {
            Table table = new Table("REGISTRATION ID", "ASSIGNED HUB", "DEVICE ID");
            done.forEach(d -> table.row(d.registrationId(), d.assignedHub(), d.deviceId()));
            table.print(out());
            out().println(verb + " " + done.size() + " device(s) of enrollment group '" + group + "'.");
        }
        return ExitCode.OK;
    }
}
