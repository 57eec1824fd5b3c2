package org.opendps.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Several {@code opendps serve} processes, each on its own ports and data directory, all on one database when a
 * URL is given (else each on its own SQLite file): the scale-out story, or one crash-tested node.
 */
final class ServeCluster implements AutoCloseable {
    private final List<ServeProcess> nodes;

    private ServeCluster(List<ServeProcess> nodes) {
        this.nodes = nodes;
    }

    /**
     * Starts {@code count} nodes in {@code directory} ({@code node-0}, {@code node-1}, ...), all at once, as an
     * orchestrator would, so that they race to set up a new database.
     *
     * @param databaseUrl null for an SQLite file in each node's data directory
     */
    static ServeCluster start(Path directory, int count, String databaseUrl, String... moreOptions) throws Exception {
        List<String> options = new ArrayList<>(List.of(moreOptions));
        if (databaseUrl != null) {
            options.addAll(List.of("--database-url", databaseUrl));
        }
        List<ServeProcess> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nodes.add(ServeProcess.onFreePorts(directory.resolve("node-" + i), options.toArray(String[]::new)));
        }
        ServeCluster cluster = new ServeCluster(nodes);
        try {
            for (ServeProcess node : nodes) {
                node.launch();
            }
            for (ServeProcess node : nodes) {
                node.awaitReady();
            }
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    ServeProcess node(int index) {
        return nodes.get(index);
    }

    List<ServeProcess> nodes() {
        return nodes;
    }

    @Override
    public void close() throws InterruptedException {
        for (ServeProcess node : nodes) {
            node.close();
        }
    }
}
