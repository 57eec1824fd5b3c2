package org.opendps.core.security;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.Optional;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;

/**
 * Checks a service API token, the DPS's or a built-in hub's: signed by a policy key, not expired, and issued for
 * one of the service's host names. Every failure is the same kind of 401 to the caller; the message says which check failed
 * but never echoes the signature.
 */
public final class ServiceAuthenticator<P extends PolicyKeys> {
    private final Function<String, Optional<P>> policies;
    private final Set<String> hostNames;
    private final Clock clock;
    private final Duration clockSkew;

    public ServiceAuthenticator(
            Function<String, Optional<P>> policies, Set<String> hostNames, Clock clock,
            Duration clockSkew) {
        this.policies = Objects.requireNonNull(policies, "policies");
        this.hostNames = hostNames.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(
                java.util.stream.Collectors.toUnmodifiableSet());
        this.clock = Objects.requireNonNull(clock, "clock");
        this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
    }

    /** The policy the token proves, after every check passed. */
    public P authenticate(SasToken token, String requestPath) {
        if (token == null) {
            throw new DpsException(DpsError.UNAUTHORIZED, "The request has no SharedAccessSignature authorization.");
        }
        if (token.keyName() == null || token.keyName().isEmpty()) {
            throw new DpsException(DpsError.INVALID_TOKEN, "The shared access signature names no policy (skn).");
        }
        P policy = policies.apply(token.keyName()).orElseThrow(() -> new DpsException(
                DpsError.INVALID_TOKEN, "The shared access signature names an unknown policy."));
        // Both keys are compared, always, so that timing tells nothing about which one failed.
        boolean primary = SharedAccessSignatures.isSignedWith(token, policy.primaryKey());
        boolean secondary = SharedAccessSignatures.isSignedWith(token, policy.secondaryKey());
        if (!(primary | secondary)) {
            throw new DpsException(DpsError.INVALID_TOKEN, "The shared access signature is not valid.");
        }
        // In seconds, so that no se a client sends can overflow the comparison.
        if (token.expiry() <= clock.instant().getEpochSecond() - clockSkew.getSeconds()) {
            throw new DpsException(DpsError.TOKEN_EXPIRED, "The shared access signature has expired.");
        }
        if (!coversThisService(token.resourceUri(), requestPath)) {
            throw new DpsException(DpsError.INVALID_TOKEN,
                    "The shared access signature was not issued for this service.");
        }
        return policy;
    }

    /** Throws 401 unless the policy grants the right. */
    public static void require(SharedAccessPolicy policy, AccessRight right) {
        if (!policy.grants(right)) {
            throw new DpsException(DpsError.INSUFFICIENT_RIGHTS,
                    "Policy '" + policy.keyName() + "' does not grant " + right.wireName() + ".");
        }
    }

    private boolean coversThisService(String rawResourceUri, String requestPath) {
        String resource;
        try {
            resource = URLDecoder.decode(rawResourceUri, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int scheme = resource.indexOf("://");
        if (scheme >= 0) {
            resource = resource.substring(scheme + 3);
        }
        int slash = resource.indexOf('/');
        String host = slash < 0 ? resource : resource.substring(0, slash);
        String path = slash < 0 ? "" : resource.substring(slash);
        int colon = host.lastIndexOf(':');
        if (colon >= 0 && host.indexOf(']') < colon) {
            host = host.substring(0, colon);
        }
        if (!hostNames.contains(host)) {
            return false;
        }
        if (path.isEmpty() || path.equals("/")) {
            return true;
        }
        String target = requestPath.toLowerCase(Locale.ROOT);
        return target.equals(path) || target.startsWith(path.endsWith("/") ? path : path + "/");
    }
}
