package org.opendps.cli.enrollment;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --attestation}: the attestation types a user picks from. */
public enum AttestationChoice {
    SYMMETRIC_KEY("symmetric-key"),
    TPM("tpm"),
    X509("x509");

    private final String optionName;

    AttestationChoice(String optionName) {
        this.optionName = optionName;
    }

    @Override
    public String toString() {
        return optionName;
    }

    /** Takes {@code symmetric-key}, also spelled {@code symmetricKey} as on the wire. */
    public static final class Converter implements ITypeConverter<AttestationChoice> {
        @Override
        public AttestationChoice convert(String value) {
            String name = value.strip().toLowerCase(Locale.ROOT);
            for (AttestationChoice choice : values()) {
                if (choice.optionName.equals(name) || choice.optionName.replace("-", "").equals(name)) {
                    return choice;
                }
            }
            throw new TypeConversionException("expected one of symmetric-key, tpm, x509");
        }
    }

    /** For help and shell completion. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(values()).map(AttestationChoice::toString).iterator();
        }
    }
}
