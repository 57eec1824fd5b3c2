package org.opendps.cli;

/** How a command prints what it got: aligned text for people, or the server's JSON for scripts. */
public enum OutputFormat {
    text,
    json
}
