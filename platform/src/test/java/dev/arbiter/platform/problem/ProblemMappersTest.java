package dev.arbiter.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every invalid field, however it was caught, is answered in the one validation shape with a JSON path. */
class ProblemMappersTest {

    enum Comparison { PAIRWISE, RANK }

    record Dimension(@NotBlank String key, @NotBlank String description, @Max(10) int scaleMax) {
    }

    record JobDraft(Comparison comparison, UUID ownerId, List<@Valid Dimension> dimensions,
                    List<@NotBlank @Size(max = 5) String> tags, Map<String, Map<String, @Max(7) Integer>> scores) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static ValidatorFactory factory;
    private static Validator validator;

    private final ProblemMappers mappers = new ProblemMappers();

    @BeforeAll
    static void validator() {
        factory = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void shouldWriteTheFieldOfAListElementAsAJsonPath() throws Exception {
        JobDraft draft = new JobDraft(Comparison.RANK, null,
                List.of(new Dimension("accuracy", "ok", 5), new Dimension("clarity", " ", 5)), List.of(), Map.of());

        JsonNode problem = validationOf(draft);

        assertEquals("dimensions[1].description", problem.at("/violations/0/field").asText());
    }

    @Test
    void shouldWriteTheIndexOfAnInvalidListValueAfterTheListsName() throws Exception {
        JobDraft draft = new JobDraft(Comparison.RANK, null, List.of(), List.of("fine", "far too long"), Map.of());

        assertEquals("tags[1]", validationOf(draft).at("/violations/0/field").asText());
    }

    @Test
    void shouldWriteMapKeysAsDottedNames() throws Exception {
        JobDraft draft = new JobDraft(Comparison.RANK, null, List.of(), List.of(),
                Map.of("A", Map.of("accuracy", 9)));

        assertEquals("scores.A.accuracy", validationOf(draft).at("/violations/0/field").asText());
    }

    @Test
    void shouldNameTheConstantsOfAnEnumWhenTheValueIsUnknown() throws Exception {
        InvalidFormatException e = assertThrows(InvalidFormatException.class,
                () -> JSON.readValue("{\"comparison\": \"BEST_OF\"}", JobDraft.class));

        JsonNode problem = body(mappers.invalidFormat(e, null));

        assertValidation(problem, "comparison", "must be one of PAIRWISE, RANK");
    }

    @Test
    void shouldSayWhatAFieldAcceptsWhenItsValueCannotBeRead() throws Exception {
        InvalidFormatException e = assertThrows(InvalidFormatException.class,
                () -> JSON.readValue("{\"ownerId\": \"not-a-uuid\"}", JobDraft.class));

        assertValidation(body(mappers.invalidFormat(e, null)), "ownerId",
                "must be a UUID, e.g. 3f2b8c1e-5d4a-4e7b-9a61-0c2d4e6f8a10");
    }

    @Test
    void shouldPointIntoListsWhenAValueHasTheWrongShape() throws Exception {
        MismatchedInputException e = assertThrows(MismatchedInputException.class,
                () -> JSON.readValue("{\"dimensions\": [{\"key\": \"a\"}, {\"key\": {\"nested\": 1}}]}", JobDraft.class));

        assertValidation(body(mappers.mismatchedInput(e, null)), "dimensions[1].key", "must be a string");
    }

    @Test
    void shouldListTheKnownFieldsWhenAFieldIsUnknown() throws Exception {
        UnrecognizedPropertyException e = assertThrows(UnrecognizedPropertyException.class,
                () -> JSON.readValue("{\"comparisn\": \"RANK\"}", JobDraft.class));

        assertValidation(body(mappers.unrecognizedProperty(e, null)), "comparisn",
                "is not a field of this request; its fields are comparison, dimensions, ownerId, scores, tags");
    }

    @Test
    void shouldKeepABodyThatIsNotJsonApartFromValidation() throws Exception {
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> JSON.readValue("{\"comparison\": ", JobDraft.class));

        JsonNode problem = body(mappers.malformedJson(e, null));

        assertEquals(400, problem.path("status").asInt());
        assertEquals(ProblemDocument.TYPE_BASE + "malformed-body", problem.path("type").asText());
    }

    private JsonNode validationOf(JobDraft draft) throws Exception {
        var violations = validator.validate(draft);
        JsonNode problem = body(mappers.constraintViolation(new ConstraintViolationException(violations), null));
        assertEquals(ProblemDocument.TYPE_BASE + ApiProblem.VALIDATION, problem.path("type").asText());
        assertEquals(1, problem.path("violations").size(), problem::toString);
        return problem;
    }

    private static void assertValidation(JsonNode problem, String field, String message) {
        assertEquals(400, problem.path("status").asInt());
        assertEquals(ProblemDocument.TYPE_BASE + ApiProblem.VALIDATION, problem.path("type").asText());
        assertEquals(field, problem.at("/violations/0/field").asText(), problem::toString);
        assertEquals(message, problem.at("/violations/0/message").asText(), problem::toString);
    }

    private static JsonNode body(Response response) throws Exception {
        return JSON.readTree((String) response.getEntity());
    }
}
