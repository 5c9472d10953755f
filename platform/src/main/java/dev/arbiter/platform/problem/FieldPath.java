package dev.arbiter.platform.problem;

import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.List;

/**
 * Where in the request body a problem is, written as the client wrote the JSON: {@code options[1]},
 * {@code dimensions[0].description}, {@code scores.A.accuracy}. Java method and parameter names never
 * appear: the client cannot see them.
 */
public final class FieldPath {

    /** The path of a failure that is about the body as a whole. */
    public static final String BODY = "body";

    private FieldPath() {
    }

    /**
     * A Bean Validation path. Its index or key sits on the node <em>after</em> the list or map it
     * selects from ({@code dimensions} then {@code description} with index 0), so it is written after
     * the previous segment; container-element nodes ({@code <list element>}) add no name of their own.
     */
    public static String of(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.PARAMETER
                    || kind == ElementKind.CROSS_PARAMETER || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.isInIterable()) {
                if (node.getIndex() != null) {
                    out.append('[').append(node.getIndex()).append(']');
                } else if (node.getKey() != null) {
                    appendName(out, String.valueOf(node.getKey()));
                }
            }
            if (kind != ElementKind.CONTAINER_ELEMENT && kind != ElementKind.BEAN) {
                appendName(out, node.getName());
            }
        }
        return out.isEmpty() ? BODY : out.toString();
    }

    /** A Jackson path: named fields and map keys joined by dots, list positions in brackets. */
    public static String of(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                appendName(out, reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                out.append('[').append(reference.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? BODY : out.toString();
    }

    private static void appendName(StringBuilder out, String name) {
        if (name == null || name.isEmpty()) {
            return;
        }
        if (!out.isEmpty()) {
            out.append('.');
        }
        out.append(name);
    }
}
