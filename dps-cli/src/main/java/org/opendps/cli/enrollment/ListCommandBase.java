package org.opendps.cli.enrollment;

import java.util.List;
import org.opendps.cli.ExitCode;
import org.opendps.cli.PagingMixin;
import org.opendps.cli.http.QueryPager;
import org.opendps.cli.http.ServiceClient;
import org.opendps.cli.output.Json;
import org.opendps.wire.json.EnrollmentJson;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code list}: {@code POST .../query} with {@code SELECT * FROM ...}, page after page. */
public abstract class ListCommandBase<T> extends EnrollmentCommandBase<T> {
    @Option(names = "--where", order = 40, paramLabel = "CONDITION",
            description = "Query condition, passed through: field = 'value' [AND ...], e.g. "
                    + "\"provisioningStatus='disabled'\".")
    String where;

    @Mixin
    PagingMixin paging;

    protected ListCommandBase(EnrollmentKind<T> kind) {
        super(kind);
    }

    public String query() {
        return "SELECT * FROM " + kind.collection() + (where == null || where.isBlank() ? "" : " WHERE " + where);
    }

    @Override
    protected ExitCode execute() {
        List<byte[]> items = QueryPager.fetch(client(), ServiceClient.path(kind.collection(), "query"),
                EnrollmentJson.writeQuery(query()), paging.pageSize(), paging.max());
        if (output.json()) {
            out().println(Json.prettyArray(items));
        } else if (items.isEmpty()) {
            out().println("No " + kind.noun() + "s.");
        } else {
            EnrollmentView.table(kind, items.stream().map(item -> kind.read(item).item()).toList()).print(out());
        }
        return ExitCode.OK;
    }
}
