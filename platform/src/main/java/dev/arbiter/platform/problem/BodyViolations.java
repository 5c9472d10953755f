package dev.arbiter.platform.problem;

import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * For a request whose checks are partly Bean Validation and partly a lookup (is this domain in the
 * catalog?): every problem in the first answer, in the one validation shape, instead of the field
 * checks first and the lookup only once they pass.
 */
public final class BodyViolations {

    private BodyViolations() {
    }

    /** The body's Bean Validation violations, paths as the client wrote them, sorted by field. */
    public static List<Violation> of(Validator validator, Object body) {
        return validator.validate(body).stream()
                .map(v -> new Violation(FieldPath.of(v.getPropertyPath()), v.getMessage()))
                .sorted(Comparator.comparing(Violation::field))
                .toList();
    }

    /**
     * {@code fieldChecks} with {@code lookup} added, which replaces whatever the field checks said of its
     * field (the lookup's message is the more useful one: it names what is allowed); a validation problem
     * when anything is wrong.
     */
    public static void requireNone(List<Violation> fieldChecks, Optional<Violation> lookup) {
        List<Violation> all = new ArrayList<>();
        fieldChecks.stream().filter(v -> lookup.isEmpty() || !v.field().equals(lookup.get().field())).forEach(all::add);
        lookup.ifPresent(all::add);
        if (!all.isEmpty()) {
            all.sort(Comparator.comparing(Violation::field));
            throw ApiProblem.validation(all);
        }
    }
}
