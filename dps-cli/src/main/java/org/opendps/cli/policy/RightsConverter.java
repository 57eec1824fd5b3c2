package org.opendps.cli.policy;

import java.util.Arrays;
import java.util.Iterator;
import org.opendps.core.security.AccessRight;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** One right by its Azure name, any case: {@code ServiceConfig}, {@code enrollmentread}. */
public final class RightsConverter implements ITypeConverter<AccessRight> {
    @Override
    public AccessRight convert(String value) {
        return AccessRight.fromWireName(value).orElseThrow(() -> new TypeConversionException(
                "expected rights among " + AccessRight.format(AccessRight.all())));
    }

    /** For help and shell completion. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(AccessRight.values()).map(AccessRight::wireName).iterator();
        }
    }
}
