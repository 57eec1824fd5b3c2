package org.opendps.cli.enrollment;

import java.util.Arrays;
import java.util.Iterator;
import org.opendps.core.enrollment.AllocationPolicy;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --allocation-policy hashed|geoLatency|static|custom}, by the wire names (any case). */
public final class AllocationPolicyConverter implements ITypeConverter<AllocationPolicy> {
    @Override
    public AllocationPolicy convert(String value) {
        return AllocationPolicy.fromWireName(value.strip()).orElseThrow(() -> new TypeConversionException(
                "expected one of hashed, geoLatency, static, custom"));
    }

    /** For help and shell completion. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(AllocationPolicy.values()).map(AllocationPolicy::wireName).iterator();
        }
    }
}
