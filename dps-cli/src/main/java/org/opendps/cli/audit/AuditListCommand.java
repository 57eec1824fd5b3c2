package org.opendps.cli.audit;

import java.util.List;
import org.opendps.cli.ExitCode;
import org.opendps.cli.OnlineCommand;
import org.opendps.cli.output.Json;
import org.opendps.cli.output.Table;
import org.opendps.core.audit.AuditEntry;
import org.opendps.core.audit.AuditEvent;
import org.opendps.wire.json.AuditJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code opendps audit list}: one page of the audit log, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List audit log entries, newest first. For the next page, pass --before the last SEQ shown.")
public final class AuditListCommand extends OnlineCommand {
    @Option(names = "--top", paramLabel = "N", description = "At most N entries (1-1000; default 100).")
    Integer top;

    @Option(names = "--before", paramLabel = "SEQ", description = "Only entries older than sequence SEQ.")
    Long before;

    @Override
    protected ExitCode execute() {
        byte[] body = client().get("/auditLog" + query()).body();
        if (output.json()) {
            out().println(Json.pretty(body));
            return ExitCode.OK;
        }
        List<AuditEntry> entries = AuditJson.readList(body);
        if (entries.isEmpty()) {
            out().println("No audit entries.");
            return ExitCode.OK;
        }
        Table table = new Table("SEQ", "TIME", "ACTOR", "OPERATION", "RESOURCE", "STATUS");
        for (AuditEntry entry : entries) {
            AuditEvent event = entry.event();
            table.row(entry.sequence(), event.at(), event.actor(), event.operation(), event.resource(),
                    event.errorCode() == null ? event.status() : event.status() + " (" + event.errorCode() + ")");
        }
        table.print(out());
        return ExitCode.OK;
    }

    private String query() {
        StringBuilder query = new StringBuilder();
        if (top != null) {
            query.append("top=").append(top);
        }
        if (before != null) {
            query.append(query.isEmpty() ? "" : "&").append("before=").append(before);
        }
        return query.isEmpty() ? "" : "?" + query;
    }
}
