package org.opendps.cli.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.opendps.cli.BaseCommand;
import org.opendps.cli.CliException;
import org.opendps.cli.ExitCode;
import org.opendps.cli.OutputMixin;
import org.opendps.cli.connection.ConnectionMixin;
import org.opendps.cli.http.ServiceClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code opendps hub monitor HUB}: the device-to-cloud messages a built-in hub kept, through its
 * {@code GET /messages/events} (an OpenDPS extension). Pages by sequence number; {@code --follow} long-polls.
 */
@Command(name = "monitor", mixinStandardHelpOptions = true,
        description = {"Print the device-to-cloud messages a built-in hub received (the last 10,000 per hub, on the "
                + "node that answers).",
            "Uses the hub's own connection string (connection-info.json's hubs, or --connection-string of the hub), "
                + "whose policy needs the ServiceConnect right."})
public final class HubMonitorCommand extends BaseCommand {
    static final int PAGE = 100;
    /** Seconds the server may hold a --follow request open; it grants 10 at most. */
    static final int WAIT_SECONDS = 10;
    private static final long IDLE_PAUSE_MILLIS = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "HUB", description = "The built-in hub's host name.")
    String hub;

    @Option(names = "--since", paramLabel = "N", defaultValue = "0",
            description = "Start at sequence number N (default: the oldest message kept).")
    long since;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N messages.")
    Integer max;

    @Option(names = {"-f", "--follow"}, description = "Keep waiting for new messages until interrupted (Ctrl-C).")
    boolean follow;

    @Mixin
    ConnectionMixin connection;

    @Mixin
    OutputMixin output;

    @Override
    protected ExitCode execute() {
        if (since < 0 || (max != null && max < 1)) {
            throw usage(since < 0 ? "--since must be 0 or more" : "--max must be 1 or more");
        }
        ServiceClient client = ServiceClient.open(HubConnections.fromSystem().resolve(connection.options(), hub));
        long next = since;
        int printed = 0;
        while (max == null || printed < max) {
            int ask = max == null ? PAGE : Math.min(PAGE, max - printed);
            long started = System.nanoTime();
            JsonNode answer = parse(client.get("/messages/events?since=" + next + "&max=" + ask
                    + (follow ? "&wait=" + WAIT_SECONDS : "")).body());
            List<JsonNode> messages = new ArrayList<>();
            answer.path("messages").forEach(messages::add);
            if (!messages.isEmpty() && next > 0 && messages.get(0).path("sequenceNumber").asLong() > next) {
                err().println("warning: messages " + next + " to " + (messages.get(0).path("sequenceNumber").asLong()
                        - 1) + " were dropped by the hub before they were read");
                err().flush();
            }
            messages.forEach(this::print);
            printed += messages.size();
            next = answer.path("nextSequenceNumber").asLong(next);
            out().flush();
            if (messages.size() < ask && !follow) {
                break;
            }
            if (messages.isEmpty() && !pauseIfAnsweredAtOnce(started)) {
                break;
            }
        }
        return ExitCode.OK;
    }

    private void print(JsonNode message) {
        if (output.json()) {
            out().println(message.toString());
            return;
        }
        List<String> properties = new ArrayList<>();
        message.path("properties").fields().forEachRemaining(p -> properties.add(p.getValue().isNull()
                ? p.getKey() : p.getKey() + "=" + p.getValue().asText()));
        JsonNode body = message.path("body");
        out().println(message.path("enqueuedTimeUtc").asText() + "  " + message.path("deviceId").asText()
                + "  {" + String.join(", ", properties) + "}  "
                + (body.isNull() || body.isMissingNode() ? "(binary, base64) " + message.path("bodyBase64").asText()
                        : body.asText()));
    }

    /**
     * The server answers a long poll at once when too many wait already: don't ask again in a tight loop. False
     * when interrupted, which ends the command as Ctrl-C would.
     */
    private static boolean pauseIfAnsweredAtOnce(long startedNanos) {
        long elapsedMillis = (System.nanoTime() - startedNanos) / 1_000_000;
        if (elapsedMillis < IDLE_PAUSE_MILLIS) {
            try {
                Thread.sleep(IDLE_PAUSE_MILLIS - elapsedMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.path("messages").isArray()) {
                return node;
            }
        } catch (IOException e) {
            // answered below
        }
        throw new CliException(ExitCode.SERVER, "the hub's answer is not a list of messages");
    }
}
