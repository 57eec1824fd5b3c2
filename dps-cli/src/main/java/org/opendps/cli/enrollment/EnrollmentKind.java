package org.opendps.cli.enrollment;

import org.opendps.cli.output.Details;
import org.opendps.core.enrollment.Attestation;
import org.opendps.core.enrollment.EnrollmentSettings;
import org.opendps.core.enrollment.Revision;
import org.opendps.wire.json.Draft;

/**
 * What the enrollment commands need to know of one kind of enrollment (individual or group), so that each
 * command is written once for both.
 */
public interface EnrollmentKind<T> {

    /** The path segment and the query's FROM name: {@code enrollments} or {@code enrollmentGroups}. */
    String collection();

    /** For messages: "enrollment", "enrollment group". */
    String noun();

    /** A GET or PUT response, through dps-wire. */
    Draft<T> read(byte[] body);

    /** A PUT body with keys and certificate text, through dps-wire. */
    byte[] writeRequest(T item);

    String id(T item);

    Attestation attestation(T item);

    EnrollmentSettings settings(T item);

    Revision revision(T item);

    /** The rows that say which enrollment this is (its id, and for a device its device ID). */
    void identify(T item, Details details);

    /** The list columns before the ones every kind has. */
    String[] idHeadings();

    Object[] idCells(T item);
}
