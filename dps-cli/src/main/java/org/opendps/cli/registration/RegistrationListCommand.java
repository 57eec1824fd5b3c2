package org.opendps.cli.registration;

import java.util.List;
import org.opendps.cli.ExitCode;
import org.opendps.cli.OnlineCommand;
import org.opendps.cli.PagingMixin;
import org.opendps.cli.http.QueryPager;
import org.opendps.cli.http.ServiceClient;
import org.opendps.cli.output.Json;
import org.opendps.wire.json.EnrollmentJson;
import org.opendps.wire.json.RegistrationStateJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code opendps registration list [--group G]}. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List registration states: of one enrollment group (POST /registrations/{group}/query), "
                + "or all of them (POST /registrations/query, an OpenDPS extension)."})
public final class RegistrationListCommand extends OnlineCommand {
    @Option(names = "--group", order = 40, paramLabel = "GROUP_ID",
            description = "Only the devices that registered through this enrollment group.")
    String group;

    @Mixin
    PagingMixin paging;

    public String path() {
        return group == null ? ServiceClient.path("registrations", "query")
                : ServiceClient.path("registrations", group, "query");
    }

    @Override
    protected ExitCode execute() {
        List<byte[]> items = QueryPager.fetch(client(), path(), EnrollmentJson.writeQuery("SELECT *"),
                paging.pageSize(), paging.max());
        if (output.json()) {
            out().println(Json.prettyArray(items));
        } else if (items.isEmpty()) {
            out().println("No registrations.");
        } else {
            RegistrationView.table(items.stream().map(RegistrationStateJson::read).toList()).print(out());
        }
        return ExitCode.OK;
    }
}
