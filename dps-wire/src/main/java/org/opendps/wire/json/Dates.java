package org.opendps.wire.json;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * Dates as Azure writes them ({@code 2017-09-28T16:29:42.3447817Z}: seven fraction digits, UTC) and as anyone may
 * send them. Java's SDK splits the text on {@code [.,Z]} and reads the seconds part, so the written form must not
 * vary.
 */
public final class Dates {
    private static final DateTimeFormatter WRITE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter READ = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart()
            .appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HH:MM:ss", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HHMMss", "Z")
            .optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    private Dates() {}

    /** Exactly {@code yyyy-MM-ddTHH:mm:ss.fffffffZ}, in UTC. */
    public static String format(Instant instant) {
        return WRITE.format(instant);
    }

    /**
     * Any ISO-8601 date and time with zero to nine fraction digits; an offset is applied, and a missing one means
     * UTC (as Java's SDK reads it).
     *
     * @throws IllegalArgumentException when the text is not such a date (the message does not repeat the text)
     */
    public static Instant parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no date given");
        }
        try {
            TemporalAccessor parsed = READ.parseBest(text.strip(), OffsetDateTime::from, LocalDateTime::from);
            if (parsed instanceof OffsetDateTime offset) {
                return offset.toInstant();
            }
            return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 date and time");
        }
    }
}
