package org.opendps.cli.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.cli.Cli;

/** What {@code device register} refuses before it dials anything; registering itself is tested in dps-it. */
class DeviceRegisterOptionsTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @TempDir
    Path dir;

    private Cli.Result register(String... args) {
        String[] all = new String[args.length + 6];
        all[0] = "device";
        all[1] = "register";
        System.arraycopy(args, 0, all, 2, args.length);
        // a connection info file that does not exist: nothing may fall back to a data/ directory by accident
        all[args.length + 2] = "--connection-info";
        all[args.length + 3] = dir.resolve("none.json").toString();
        all[args.length + 4] = "--timeout";
        all[args.length + 5] = "5";
        return Cli.run(all);
    }

    @Test
    void exactly_one_credential_is_required() {
        Cli.Result none = register("--registration-id", "d1");
        Cli.Result two = register("--registration-id", "d1", "--key", KEY, "--group-key", KEY);
        Cli.Result keyFileAlone = register("--registration-id", "d1", "--key", KEY, "--key-file", "k.pem");

        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("give exactly one of --key, --group-key, or --cert with --key-file");
        assertThat(two.exitCode()).isEqualTo(2);
        assertThat(keyFileAlone.exitCode()).isEqualTo(2);
        assertThat(keyFileAlone.err()).contains("--key-file and --chain go with --cert");
    }

    @Test
    void a_key_that_is_not_base64_is_refused_without_repeating_it() {
        Cli.Result result = register("--registration-id", "d1", "--key", "secret*value");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--key is not a valid base64 key").doesNotContain("secret*value");
    }

    @Test
    void a_registration_id_is_required_with_keys_and_must_be_the_cn_with_a_certificate() {
        Cli.Result noId = register("--key", KEY);
        Cli.Result created = Cli.run("cert", "create-root", "--out", dir.toString());
        Cli.Result device = Cli.run("cert", "create-device", "--registration-id", "cert-dev", "--out", dir.toString(),
                "--ca-cert", dir.resolve("root-ca.cert.pem").toString(), "--ca-key",
                dir.resolve("root-ca.key.pem").toString());
        Cli.Result otherId = register("--registration-id", "someone-else", "--cert",
                dir.resolve("cert-dev.cert.pem").toString(), "--key-file", dir.resolve("cert-dev.key.pem").toString());

        assertThat(noId.exitCode()).isEqualTo(2);
        assertThat(noId.err()).contains("--registration-id is required with --key or --group-key");
        assertThat(created.exitCode()).isZero();
        assertThat(device.exitCode()).isZero();
        assertThat(otherId.exitCode()).isEqualTo(2);
        assertThat(otherId.err()).contains("--registration-id must be the certificate's CN (cert-dev)");
    }

    @Test
    void a_named_connection_info_that_does_not_exist_is_a_local_problem() {
        Cli.Result result = register("--registration-id", "d1", "--key", KEY);

        assertThat(result.exitCode()).isEqualTo(8);
        assertThat(result.err()).contains("none.json does not exist");
    }

    @Test
    void an_invalid_payload_is_a_usage_error() throws Exception {
        Path info = Files.writeString(dir.resolve("info.json"),
                "{\"idScope\":\"0ne00000001\",\"deviceEndpoint\":\"localhost:1\"}");

        Cli.Result result = Cli.run("device", "register", "--registration-id", "d1", "--key", KEY, "--payload",
                "{not json", "--connection-info", info.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--payload: The body is not valid JSON");
    }

    @Test
    void an_endpoint_that_refuses_connections_exits_7() throws Exception {
        Path info = Files.writeString(dir.resolve("info.json"),
                "{\"idScope\":\"0ne00000001\",\"deviceEndpoint\":\"127.0.0.1:1\"}");

        Cli.Result https = Cli.run("device", "register", "--registration-id", "d1", "--key", KEY,
                "--connection-info", info.toString());
        Cli.Result mqtt = Cli.run("device", "register", "--registration-id", "d1", "--key", KEY,
                "--connection-info", info.toString(), "--transport", "mqtt", "--endpoint", "127.0.0.1:1");

        assertThat(https.exitCode()).as(https.toString()).isEqualTo(7);
        assertThat(https.err()).startsWith("error: registration failed: cannot connect");
        assertThat(mqtt.exitCode()).as(mqtt.toString()).isEqualTo(7);
        assertThat(mqtt.err()).startsWith("error: registration failed: cannot connect to 127.0.0.1:1");
    }
}
