package dev.arbiter.marketplace.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Merges the OpenAPI documents of the services behind the gateway into one document of the public
 * API, as a pure function of those documents (the HTTP around it is {@link PublicApiDocument}'s).
 *
 * <ul>
 * <li><b>Paths</b>: each source keeps only the paths its {@link Source#keepPath} accepts (for an
 * upstream, the gateway's prefixes for it), so a service's internal or management paths never show.</li>
 * <li><b>Components</b>: only those the kept paths reach (through {@code $ref}, transitively, and the
 * security schemes their operations name) are carried over, so an internal endpoint's types do not
 * leak either. A component equal to one already merged under the same name is merged into it; a
 * different one of the same name is renamed {@code <service>_<name>} and every reference to it in
 * that source is rewritten. Renaming can change other components (whose {@code $ref}s now point to
 * the new name), so names are settled to a fixed point before anything is copied. The first source
 * to bring a name keeps it.</li>
 * <li><b>Security</b>: a source's document-wide {@code security} is pushed down onto each of its
 * operations that names none, since the merged document's own is not that source's.</li>
 * <li><b>Missing sources</b> (a service that did not answer) are listed in {@code x-arbiter-missing},
 * so a client sees a partial document for what it is rather than an error.</li>
 * </ul>
 */
public final class OpenApiMerge {

    /** The extension that lists the services whose paths are missing from a partial document. */
    public static final String MISSING = "x-arbiter-missing";

    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final String COMPONENTS_REF = "#/components/";
    private static final String SECURITY_SCHEMES = "securitySchemes";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private OpenApiMerge() {
    }

    /**
     * One service's document and which of its paths are public.
     *
     * @param service  the service's name, used as the prefix of a component renamed on collision
     * @param keepPath which path templates of this document belong in the merged one
     */
    public record Source(String service, Predicate<String> keepPath, JsonNode document) {
    }

    /** A service whose document could not be had: its prefixes are left out, and why. */
    public record Missing(String service, List<String> prefixes, String reason) {
    }

    /** The merged document: one {@code info}, {@code servers: [{url: "/"}]}, the sources in order. */
    public static ObjectNode merge(String title, String version, List<Source> sources, List<Missing> missing) {
        ObjectNode merged = JSON.objectNode();
        merged.put("openapi", sources.stream().map(s -> s.document().path("openapi").asText(""))
                .filter(v -> !v.isEmpty()).findFirst().orElse("3.1.0"));
        merged.putObject("info").put("title", title).put("version", version);
        merged.putArray("servers").addObject().put("url", "/");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = JSON.objectNode();
        Map<String, ObjectNode> tags = new LinkedHashMap<>();
        for (Source source : sources) {
            add(source, paths, components, tags);
        }
        if (!components.isEmpty()) {
            merged.set("components", components);
        }
        if (!tags.isEmpty()) {
            merged.putArray("tags").addAll(tags.values());
        }
        if (!missing.isEmpty()) {
            ArrayNode list = merged.putArray(MISSING);
            for (Missing m : missing) {
                ObjectNode entry = list.addObject().put("service", m.service()).put("reason", m.reason());
                m.prefixes().forEach(entry.putArray("prefixes")::add);
            }
        }
        return merged;
    }

    private static void add(Source source, ObjectNode paths, ObjectNode components, Map<String, ObjectNode> tags) {
        JsonNode document = source.document();
        ObjectNode kept = JSON.objectNode();
        document.path("paths").fields().forEachRemaining(path -> {
            if (source.keepPath().test(path.getKey()) && path.getValue().isObject()) {
                kept.set(path.getKey(), path.getValue().deepCopy());
            }
        });
        pushDownSecurity(kept, document.path("security"));

        Set<ComponentRef> reached = reachable(kept, document.path("components"));
        Map<ComponentRef, String> names = settleNames(source.service(), reached, document.path("components"), components);
        rewrite(kept, names, true);
        for (ComponentRef ref : reached) {
            JsonNode component = document.path("components").path(ref.section()).path(ref.name()).deepCopy();
            rewrite(component, names, false);
            ObjectNode section = components.has(ref.section())
                    ? (ObjectNode) components.get(ref.section()) : components.putObject(ref.section());
            section.set(names.getOrDefault(ref, ref.name()), component);
        }
        kept.fields().forEachRemaining(path -> {
            if (!paths.has(path.getKey())) {
                paths.set(path.getKey(), path.getValue());
            }
        });
        for (JsonNode tag : document.path("tags")) {
            String name = tag.path("name").asText();
            if (!name.isEmpty() && usesTag(kept, name)) {
                tags.putIfAbsent(name, (ObjectNode) tag.deepCopy());
            }
        }
    }

    /** A component of a document: its section ({@code schemas}, {@code securitySchemes}, …) and name. */
    record ComponentRef(String section, String name) {

        static ComponentRef parse(String ref) {
            if (!ref.startsWith(COMPONENTS_REF)) {
                return null;
            }
            String[] parts = ref.substring(COMPONENTS_REF.length()).split("/", 2);
            return parts.length == 2 ? new ComponentRef(parts[0], parts[1]) : null;
        }

        String ref(String name) {
            return COMPONENTS_REF + section + "/" + name;
        }
    }

    private static void pushDownSecurity(ObjectNode paths, JsonNode documentSecurity) {
        if (!documentSecurity.isArray()) {
            return;
        }
        for (JsonNode item : paths) {
            item.fields().forEachRemaining(op -> {
                if (OPERATIONS.contains(op.getKey()) && op.getValue().isObject() && !op.getValue().has("security")) {
                    ((ObjectNode) op.getValue()).set("security", documentSecurity.deepCopy());
                }
            });
        }
    }

    /** Every component the kept paths reach, transitively, in the order first reached. */
    private static Set<ComponentRef> reachable(JsonNode paths, JsonNode components) {
        Set<ComponentRef> reached = new LinkedHashSet<>();
        Deque<JsonNode> toScan = new ArrayDeque<>();
        toScan.add(paths);
        while (!toScan.isEmpty()) {
            JsonNode node = toScan.poll();
            Set<ComponentRef> found = new LinkedHashSet<>();
            collectRefs(node, found);
            for (ComponentRef ref : found) {
                JsonNode component = components.path(ref.section()).path(ref.name());
                if (!component.isMissingNode() && reached.add(ref)) {
                    toScan.add(component);
                }
            }
        }
        return reached;
    }

    private static void collectRefs(JsonNode node, Set<ComponentRef> found) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && ComponentRef.parse(ref.asText()) != null) {
                found.add(ComponentRef.parse(ref.asText()));
            }
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("security") && field.getValue().isArray()) {
                    for (JsonNode requirement : field.getValue()) {
                        requirement.fieldNames().forEachRemaining(
                                scheme -> found.add(new ComponentRef(SECURITY_SCHEMES, scheme)));
                    }
                } else {
                    collectRefs(field.getValue(), found);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, found));
        }
    }

    /**
     * The merged name of each reached component that cannot keep its own: one whose name is taken
     * by a different component. Repeated until nothing changes, because a rename rewrites the
     * {@code $ref}s of the components that use it, which may then differ from their namesakes too.
     */
    private static Map<ComponentRef, String> settleNames(String service, Set<ComponentRef> reached,
            JsonNode sourceComponents, ObjectNode merged) {
        Map<ComponentRef, String> names = new LinkedHashMap<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (ComponentRef ref : reached) {
                if (names.containsKey(ref)) {
                    continue;
                }
                JsonNode existing = merged.path(ref.section()).path(ref.name());
                if (existing.isMissingNode()) {
                    continue;
                }
                JsonNode candidate = sourceComponents.path(ref.section()).path(ref.name()).deepCopy();
                rewrite(candidate, names, false);
                if (!candidate.equals(existing)) {
                    names.put(ref, freeName(service + "_" + ref.name(), ref.section(), merged, names));
                    changed = true;
                }
            }
        }
        return names;
    }

    private static String freeName(String wanted, String section, ObjectNode merged, Map<ComponentRef, String> names) {
        Set<String> taken = new HashSet<>();
        merged.path(section).fieldNames().forEachRemaining(taken::add);
        names.forEach((ref, name) -> {
            if (ref.section().equals(section)) {
                taken.add(name);
            }
        });
        String name = wanted;
        for (int n = 2; taken.contains(name); n++) {
            name = wanted + "_" + n;
        }
        return name;
    }

    /**
     * Rewrites, in place, every {@code $ref} to a renamed component, and, when {@code inOperations},
     * the scheme names of security requirements.
     */
    private static void rewrite(JsonNode node, Map<ComponentRef, String> names, boolean inOperations) {
        if (names.isEmpty()) {
            return;
        }
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual()) {
                ComponentRef target = ComponentRef.parse(ref.asText());
                if (target != null && names.containsKey(target)) {
                    object.put("$ref", target.ref(names.get(target)));
                }
            }
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (inOperations && field.getKey().equals("security") && field.getValue().isArray()) {
                    renameSchemes((ArrayNode) field.getValue(), names);
                } else {
                    rewrite(field.getValue(), names, inOperations);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> rewrite(child, names, inOperations));
        }
    }

    private static void renameSchemes(ArrayNode requirements, Map<ComponentRef, String> names) {
        for (int i = 0; i < requirements.size(); i++) {
            JsonNode requirement = requirements.get(i);
            ObjectNode renamed = JSON.objectNode();
            requirement.fields().forEachRemaining(scheme -> renamed.set(
                    names.getOrDefault(new ComponentRef(SECURITY_SCHEMES, scheme.getKey()), scheme.getKey()),
                    scheme.getValue()));
            requirements.set(i, renamed);
        }
    }

    private static boolean usesTag(JsonNode paths, String tag) {
        for (JsonNode item : paths) {
            Iterator<Map.Entry<String, JsonNode>> ops = item.fields();
            while (ops.hasNext()) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (OPERATIONS.contains(op.getKey())) {
                    for (JsonNode t : op.getValue().path("tags")) {
                        if (t.asText().equals(tag)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }
}
