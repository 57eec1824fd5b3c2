package org.opendps.cli.enrollment.group;

import org.opendps.cli.enrollment.EnrollmentKind;
import org.opendps.cli.output.Details;
import org.opendps.core.enrollment.Attestation;
import org.opendps.core.enrollment.EnrollmentGroup;
import org.opendps.core.enrollment.EnrollmentSettings;
import org.opendps.core.enrollment.Revision;
import org.opendps.wire.json.Draft;
import org.opendps.wire.json.EnrollmentJson;

/** Enrollment groups: {@code /enrollmentGroups/{enrollmentGroupId}}. */
public final class GroupKind implements EnrollmentKind<EnrollmentGroup> {
    public static final GroupKind INSTANCE = new GroupKind();

    private GroupKind() {}

    @Override
    public String collection() {
        return "enrollmentGroups";
    }

    @Override
    public String noun() {
        return "enrollment group";
    }

    @Override
    public Draft<EnrollmentGroup> read(byte[] body) {
        return EnrollmentJson.readGroup(body);
    }

    @Override
    public byte[] writeRequest(EnrollmentGroup item) {
        return EnrollmentJson.writeGroupRequest(item, null); // the etag goes in If-Match
    }

    @Override
    public String id(EnrollmentGroup item) {
        return item.enrollmentGroupId();
    }

    @Override
    public Attestation attestation(EnrollmentGroup item) {
        return item.attestation();
    }

    @Override
    public EnrollmentSettings settings(EnrollmentGroup item) {
        return item.settings();
    }

    @Override
    public Revision revision(EnrollmentGroup item) {
        return item.revision();
    }

    @Override
    public void identify(EnrollmentGroup item, Details details) {
        details.add("enrollmentGroupId", item.enrollmentGroupId());
    }

    @Override
    public String[] idHeadings() {
        return new String[] {"GROUP ID"};
    }

    @Override
    public Object[] idCells(EnrollmentGroup item) {
        return new Object[] {item.enrollmentGroupId()};
    }
}
