package dev.arbiter.platform.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/** The RFC 9457 body: the standard members plus any extension members. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance"})
public record ProblemDocument(String type, String title, int status, String detail, String instance,
                              @JsonIgnore Map<String, Object> extensions) {

    /** Problem types are relative URIs under this base, e.g. {@code /problems/validation}. */
    public static final String TYPE_BASE = "https://arbiter.dev/problems/";

    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions == null ? Map.of() : extensions;
    }
}
