package dev.arbiter.marketplace.domain.model;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A domain of the catalog: its key (what questions, grants and jobs name) and a name people read. */
public record Domain(
        @NotNull @Pattern(regexp = KEY, message = "must be a lower-case key: a letter, then letters, digits, '_' or '-' (at most 64)")
        String key,
        @NotBlank @Size(max = 100) String name) {

    public static final String KEY = "[a-z][a-z0-9_-]{0,63}";
}
