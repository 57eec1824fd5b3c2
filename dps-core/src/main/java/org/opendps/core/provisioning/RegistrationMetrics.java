package org.opendps.core.provisioning;

import java.time.Duration;

/**
 * What the registration path reports for monitoring. Core knows no metrics library: the server implements this
 * (Micrometer), tests and embedders may leave it at {@link #NONE}. Calls come from worker threads and must not
 * block.
 */
public interface RegistrationMetrics {
    RegistrationMetrics NONE = new RegistrationMetrics() {};

    /**
     * One device attestation (the credential checked against the enrollments), whether it was accepted or not.
     *
     * @param attestation {@link #attestationOf}'s name for the credential
     */
    default void attestation(String attestation, boolean accepted, Duration took) {}

    /**
     * One register request answered, from its arrival to its answer.
     *
     * @param transport {@code https} or {@code mqtt}
     * @param outcome the operation's status ({@code assigned}, {@code assigning}, {@code failed}, {@code disabled}),
     *     {@code challenge} for a TPM's first request, or {@code refused}
     * @param status the HTTP status of the answer (MQTT carries the same one in its topic)
     */
    default void registration(String transport, String attestation, String outcome, int status, Duration took) {}

    /** One call to a hub's device registry, from the registration path or deprovisioning. */
    default void hubCall(String operation, boolean succeeded, Duration took) {}

    /** Registration operations past their retention deleted by one statement of {@link OperationSweeper}. */
    default void operationsDeleted(int count) {}

    /** The attestation label of a credential: a bounded set, never anything that names a device. */
    static String attestationOf(DeviceCredential credential) {
        if (credential instanceof DeviceCredential.Sas) {
            return "symmetricKey";
        }
        if (credential instanceof DeviceCredential.X509) {
            return "x509";
        }
        return credential instanceof DeviceCredential.Tpm ? "tpm" : "none";
    }
}
