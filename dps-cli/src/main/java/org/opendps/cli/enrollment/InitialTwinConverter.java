package org.opendps.cli.enrollment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opendps.cli.output.Json;
import org.opendps.core.enrollment.JsonText;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --initial-twin JSON|@FILE}: a JSON object, given inline or as {@code @} and a file name. */
public final class InitialTwinConverter implements ITypeConverter<JsonText> {
    @Override
    public JsonText convert(String value) {
        String json = value;
        if (value.startsWith("@")) {
            Path file = Path.of(value.substring(1));
            try {
                json = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new TypeConversionException("cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        String problem = Json.objectProblem(json);
        if (problem != null) {
            throw new TypeConversionException("the initial twin is " + problem
                    + "; expected {\"tags\":{..},\"properties\":{\"desired\":{..}}}");
        }
        return new JsonText(json.strip());
    }
}
