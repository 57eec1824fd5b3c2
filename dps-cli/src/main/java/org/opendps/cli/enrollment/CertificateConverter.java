package org.opendps.cli.enrollment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.opendps.core.enrollment.X509Certificates;
import org.opendps.core.error.DpsException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --certificate FILE}: the file's certificate as the service API takes it, PEM text as is or DER as base64
 * (as the Azure CLI sends it). The certificate is checked here, so that a wrong file fails before any request.
 */
public final class CertificateConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
        Path file = Path.of(value);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TypeConversionException("cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        String text = asPem(bytes);
        String certificate = text != null ? text : Base64.getEncoder().encodeToString(bytes);
        try {
            X509Certificates.parse(file.toString(), certificate);
        } catch (DpsException e) {
            throw new TypeConversionException(e.getMessage() + " Give a PEM or DER X.509 certificate.");
        }
        return certificate;
    }

    /** The text, trailing whitespace removed, when the file is UTF-8 PEM; null for binary (DER). */
    private static String asPem(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            return text.contains("-----BEGIN") ? text.strip() : null;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
