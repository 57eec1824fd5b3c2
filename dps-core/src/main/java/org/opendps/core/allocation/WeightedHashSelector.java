package org.opendps.core.allocation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.opendps.core.hub.LinkedHub;

/**
 * Azure's "evenly weighted distribution" ({@code hashed}): weighted rendezvous hashing (highest random weight).
 *
 * <p>Each candidate gets a score from a hash of the lower-cased registration ID and host name, mapped to {@code u}
 * in (0, 1): {@code score = -allocationWeight / ln(u)}; the highest score wins, ties go to the smaller host name.
 * This gives what the policy promises and a plain modulo hash does not:
 * <ul>
 *   <li>deterministic: the same device lands on the same hub on every node and after every restart, so
 *       re-provisioning does not shuffle devices; the ID is lower-cased first because DPS registration IDs are
 *       case-insensitive;</li>
 *   <li>weighted: a hub wins with probability {@code weight / sum of weights};</li>
 *   <li>stable: a device's score for a hub depends only on that pair, so adding a hub moves only the devices the
 *       new hub wins, and removing one moves only that hub's devices;</li>
 *   <li>order-free: the caller's candidate order never changes the result.</li>
 * </ul>
 * SHA-256 is used for its mixing, not for secrecy: registration IDs are often sequential ({@code device-1},
 * {@code device-2}) and {@link String#hashCode()} would map them to correlated scores. Thread-safe.
 */
public final class WeightedHashSelector implements HubSelector {

    /** MessageDigest is not thread-safe and costs an allocation plus a provider lookup; one per thread is reused. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(WeightedHashSelector::sha256);

    /** 2^-52: scales a 52-bit integer to [0, 1). */
    private static final double TWO_POW_MINUS_52 = 0x1.0p-52;

    @Override
    public Optional<LinkedHub> select(String registrationId, List<LinkedHub> candidates) {
        Objects.requireNonNull(registrationId, "registrationId");
        Objects.requireNonNull(candidates, "candidates");
        String id = registrationId.toLowerCase(Locale.ROOT);
        LinkedHub best = null;
        double bestScore = 0;
        for (LinkedHub hub : candidates) {
            double score = score(id, hub);
            if (best == null || isBetter(score, hub, bestScore, best)) {
                best = hub;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The hub's rendezvous score for an already lower-cased registration ID; always positive and finite. */
    static double score(String lowerCaseRegistrationId, LinkedHub hub) {
        double u = unitInterval(hash64(lowerCaseRegistrationId + "\n" + hub.hostName().toLowerCase(Locale.ROOT)));
        return -hub.allocationWeight() / Math.log(u);
    }

    /** Total order so the winner does not depend on the candidates' order, even on an exact score tie. */
    private static boolean isBetter(double score, LinkedHub hub, double bestScore, LinkedHub best) {
        int byScore = Double.compare(score, bestScore);
        if (byScore != 0) {
            return byScore > 0;
        }
        int byHost = hub.hostName().compareToIgnoreCase(best.hostName());
        return byHost != 0 ? byHost < 0 : hub.hostName().compareTo(best.hostName()) < 0;
    }

    /** The first 8 bytes of SHA-256, big-endian. */
    private static long hash64(String text) {
        MessageDigest digest = SHA_256.get();
        byte[] bytes = digest.digest(text.getBytes(StandardCharsets.UTF_8)); // digest() also resets it for reuse
        long h = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            h = (h << 8) | (bytes[i] & 0xFF);
        }
        return h;
    }

    /**
     * Maps a hash to the open interval (0, 1): the top 52 bits plus one half, so neither 0 (ln = -inf) nor 1
     * (ln = 0, a division by zero) can occur; with 52 bits, {@code k + 0.5} is exact in a double.
     */
    private static double unitInterval(long hash) {
        return ((hash >>> 12) + 0.5) * TWO_POW_MINUS_52;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
