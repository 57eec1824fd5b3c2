package org.opendps.app;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opendps.core.provisioning.OperationSweeper;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The value of {@code --operation-retention}: a whole number of days, hours, minutes or seconds ({@code 7d},
 * {@code 24h}, {@code 30m}, {@code 600s}); a bare number is seconds, as the values of serve's timeouts are. Less than
 * {@link OperationSweeper#MINIMUM_RETENTION} is refused here, so that picocli reports it as a bad value of the option.
 */
final class OperationRetention implements ITypeConverter<Duration> {
    private static final Pattern VALUE = Pattern.compile("(\\d{1,9})([smhd]?)");

    @Override
    public Duration convert(String value) {
        Matcher matcher = VALUE.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new TypeConversionException("'" + value + "' is not a duration such as 7d, 24h, 30m or 600s");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration retention = switch (matcher.group(2)) {
            case "d" -> Duration.ofDays(amount);
            case "h" -> Duration.ofHours(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
        if (retention.compareTo(OperationSweeper.MINIMUM_RETENTION) < 0) {
            throw new TypeConversionException("'" + value + "' is less than the minimum, "
                    + format(OperationSweeper.MINIMUM_RETENTION) + ": devices still polling an operation that a "
                    + "stopped node left assigning must find it");
        }
        return retention;
    }

    /** In the largest unit that divides it: how the option would be written. */
    static String format(Duration retention) {
        long seconds = retention.toSeconds();
        if (seconds != 0 && seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds != 0 && seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        return seconds != 0 && seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
