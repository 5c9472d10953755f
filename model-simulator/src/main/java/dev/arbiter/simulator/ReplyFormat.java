package dev.arbiter.simulator;

import java.util.List;

/**
 * What the client asked the reply to look like ({@code response_format}): free text, any JSON object,
 * or a JSON schema whose top-level properties the reply keeps (a strict schema allows no others).
 */
public record ReplyFormat(Kind kind, List<String> properties) {

    public enum Kind { TEXT, JSON_OBJECT, JSON_SCHEMA }

    public static final ReplyFormat TEXT = new ReplyFormat(Kind.TEXT, List.of());

    public ReplyFormat {
        properties = List.copyOf(properties);
    }

    public boolean structured() {
        return kind != Kind.TEXT;
    }
}
