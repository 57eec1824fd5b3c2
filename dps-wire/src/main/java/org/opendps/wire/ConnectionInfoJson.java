package org.opendps.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code connection-info.json}. It holds connection strings with keys, so it is written owner-only, and
 * atomically, so that a reader never sees half of it.
 */
public final class ConnectionInfoJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ConnectionInfoJson() {}

    /** Pretty-printed; written to a temporary file beside {@code file} and moved over it. */
    public static void write(Path file, ConnectionInfo info) {
        Path target = file.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            Path temp = createTemp(target.getParent());
            try {
                writeDurably(temp, MAPPER.writeValueAsBytes(node(info)));
                move(temp, target);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    /** @throws IllegalArgumentException when the file is not a connection info JSON object */
    public static ConnectionInfo read(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + " is not valid JSON.");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + " does not hold a JSON object.");
        }
        List<ConnectionInfo.Hub> hubs = new ArrayList<>();
        for (JsonNode hub : root.path("hubs")) {
            hubs.add(new ConnectionInfo.Hub(text(hub, "hostName"), text(hub, "connectionString")));
        }
        return new ConnectionInfo(text(root, "idScope"), text(root, "deviceEndpoint"), text(root, "serviceEndpoint"),
                text(root, "serviceConnectionString"), text(root, "caCertificate"), hubs);
    }

    private static ObjectNode node(ConnectionInfo info) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("idScope", info.idScope());
        node.put("deviceEndpoint", info.deviceEndpoint());
        node.put("serviceEndpoint", info.serviceEndpoint());
        node.put("serviceConnectionString", info.serviceConnectionString());
        node.put("caCertificate", info.caCertificate());
        ArrayNode hubs = node.putArray("hubs");
        for (ConnectionInfo.Hub hub : info.hubs()) {
            hubs.addObject().put("hostName", hub.hostName()).put("connectionString", hub.connectionString());
        }
        return node;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /** Created with owner-only permissions from the start, so the keys are never readable by others. */
    private static Path createTemp(Path dir) throws IOException {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(dir, ".connection-info", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return Files.createTempFile(dir, ".connection-info", ".tmp");
    }

    /** Forced to disk before the move, so that a crash leaves the old file or the new one, never an empty one. */
    private static void writeDurably(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
