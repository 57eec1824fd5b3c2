package org.opendps.cli.enrollment.individual;

import org.opendps.cli.enrollment.EnrollmentKind;
import org.opendps.cli.output.Details;
import org.opendps.core.enrollment.Attestation;
import org.opendps.core.enrollment.EnrollmentSettings;
import org.opendps.core.enrollment.IndividualEnrollment;
import org.opendps.core.enrollment.Revision;
import org.opendps.wire.json.Draft;
import org.opendps.wire.json.EnrollmentJson;

/** Individual enrollments: {@code /enrollments/{registrationId}}. */
public final class IndividualKind implements EnrollmentKind<IndividualEnrollment> {
    public static final IndividualKind INSTANCE = new IndividualKind();

    private IndividualKind() {}

    @Override
    public String collection() {
        return "enrollments";
    }

    @Override
    public String noun() {
        return "enrollment";
    }

    @Override
    public Draft<IndividualEnrollment> read(byte[] body) {
        return EnrollmentJson.readEnrollment(body);
    }

    @Override
    public byte[] writeRequest(IndividualEnrollment item) {
        return EnrollmentJson.writeEnrollmentRequest(item, null); // the etag goes in If-Match
    }

    @Override
    public String id(IndividualEnrollment item) {
        return item.registrationId();
    }

    @Override
    public Attestation attestation(IndividualEnrollment item) {
        return item.attestation();
    }

    @Override
    public EnrollmentSettings settings(IndividualEnrollment item) {
        return item.settings();
    }

    @Override
    public Revision revision(IndividualEnrollment item) {
        return item.revision();
    }

    @Override
    public void identify(IndividualEnrollment item, Details details) {
        details.add("registrationId", item.registrationId());
        details.add("deviceId", item.deviceId() != null ? item.deviceId() : item.registrationId() + " (default)");
    }

    @Override
    public String[] idHeadings() {
        return new String[] {"REGISTRATION ID", "DEVICE ID"};
    }

    @Override
    public Object[] idCells(IndividualEnrollment item) {
        return new Object[] {item.registrationId(), item.deviceId() != null ? item.deviceId() : item.registrationId()};
    }
}
