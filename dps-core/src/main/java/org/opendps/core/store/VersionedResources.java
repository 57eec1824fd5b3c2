package org.opendps.core.store;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.opendps.core.enrollment.Revision;
import org.opendps.core.enrollment.Versioned;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.core.query.Filter;
import org.opendps.core.query.Page;

/**
 * The HTTP-style write rules over a {@link VersionedStore}, the same for every resource kind: a PUT without
 * If-Match creates (409 when the id is taken), {@code If-Match: *} creates or replaces, an etag replaces only
 * what it names (412 otherwise); DELETE honours If-Match likewise.
 */
public final class VersionedResources<T extends Versioned<T>> {
    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 1000;

    private final VersionedStore<T> store;
    private final Clock clock;
    private final DpsError notFound;
    private final String kind;

    /**
     * @param kind what clients call the resource, for messages ("Enrollment", "Enrollment group")
     */
    public VersionedResources(VersionedStore<T> store, Clock clock, DpsError notFound, String kind) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.notFound = Objects.requireNonNull(notFound, "notFound");
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public T get(String id) {
        return store.find(id).orElseThrow(() -> notFound(id));
    }

    /**
     * Creates or replaces, as the request's If-Match allows.
     *
     * @param complete turns (draft, current or null) into what is stored: generated keys, kept certificates
     */
    public T put(T draft, String ifMatch, BinaryOperator<T> complete) {
        String condition = normalized(ifMatch);
        T current = store.find(draft.id()).orElse(null);
        if (current == null) {
            if (condition != null && !condition.equals("*")) {
                throw new DpsException(DpsError.PRECONDITION_FAILED,
                        kind + " '" + draft.id() + "' does not exist, so it cannot match If-Match.");
            }
            T created = complete.apply(draft, null).withRevision(Revision.first(clock.instant()));
            if (store.insert(created)) {
                return created;
            }
            if ("*".equals(condition)) {
                return put(draft, condition, complete); // created meanwhile by another request: now replace it
            }
            throw alreadyExists(draft.id());
        }
        if (condition == null) {
            throw alreadyExists(draft.id());
        }
        checkMatch(current, condition);
        T replaced = complete.apply(draft, current).withRevision(current.revision().next(clock.instant()));
        if (!store.replace(replaced, current.revision().version())) {
            throw changedMeanwhile(draft.id());
        }
        return replaced;
    }

    /**
     * Changes an existing resource in place (an action rather than a PUT), under an If-Match that is required:
     * an etag, or * for any version. 412 when it is missing or does not match, or the resource changed meanwhile.
     */
    public T update(String id, String ifMatch, UnaryOperator<T> change) {
        String condition = normalized(ifMatch);
        T current = get(id);
        if (condition == null) {
            throw new DpsException(DpsError.PRECONDITION_FAILED, "If-Match with the etag of "
                    + kind.toLowerCase(Locale.ROOT) + " '" + current.id() + "' (or *) is required.");
        }
        checkMatch(current, condition);
        T changed = change.apply(current).withRevision(current.revision().next(clock.instant()));
        if (!store.replace(changed, current.revision().version())) {
            throw changedMeanwhile(id);
        }
        return changed;
    }

    public void delete(String id, String ifMatch) {
        T current = get(id);
        String condition = normalized(ifMatch);
        checkMatch(current, condition == null ? "*" : condition);
        if (!store.delete(id, current.revision().version())) {
            throw changedMeanwhile(id);
        }
    }

    public Page<T> query(Filter filter, Integer pageSize, String continuation) {
        int size = pageSize == null || pageSize <= 0 ? DEFAULT_PAGE_SIZE : Math.min(pageSize, MAX_PAGE_SIZE);
        String after = continuation == null || continuation.isBlank() ? null : decodeContinuation(continuation);
        List<T> found = new ArrayList<>(store.query(filter, after, size + 1));
        if (found.size() <= size) {
            return new Page<>(found, null);
        }
        List<T> page = found.subList(0, size);
        return new Page<>(page, encodeContinuation(page.get(size - 1).id().toLowerCase(Locale.ROOT)));
    }

    /** Null when absent; the Azure CLI sends {@code *}, Node quotes it as {@code "*"}: both mean any version. */
    private static String normalized(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String trimmed = ifMatch.trim();
        return trimmed.equals("\"*\"") ? "*" : trimmed;
    }

    public DpsException notFound(String id) {
        return new DpsException(notFound, kind + " '" + id + "' was not found.");
    }

    public DpsException alreadyExists(String id) {
        return new DpsException(DpsError.ALREADY_EXISTS,
                kind + " '" + id + "' already exists; send If-Match with its etag (or *) to replace it.");
    }

    private void checkMatch(T current, String condition) {
        if (!condition.equals("*") && !current.revision().matches(condition)) {
            throw new DpsException(DpsError.PRECONDITION_FAILED,
                    "The etag " + condition + " does not match the current etag of " + kind.toLowerCase(Locale.ROOT)
                            + " '" + current.id() + "'.");
        }
    }

    private DpsException changedMeanwhile(String id) {
        return new DpsException(DpsError.PRECONDITION_FAILED,
                kind + " '" + id + "' was changed by another request meanwhile; read it again.");
    }

    private static String encodeContinuation(String lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastId.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeContinuation(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new DpsException(DpsError.INVALID_QUERY, "The continuation token is not valid.");
        }
    }
}
