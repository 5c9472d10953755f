package dev.arbiter.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The judge model over HTTP: JSON verdicts in the message content, whatever the response_format. */
class JudgeModelTest {

    private static ModelSimulator simulator;
    private static OpenAiHttp http;

    @BeforeAll
    static void start() throws IOException {
        simulator = ModelSimulator.start(SimulatorConfig.builder().judgeModel("grader").build());
        http = new OpenAiHttp(simulator.baseUrl());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void shouldGradeAMatchingCandidateCorrectWithHighConfidence() throws IOException {
        JsonNode verdict = verdict(prompt("Promissory estoppel", "That is promissory estoppel."), jsonSchemaFormat());
        assertTrue(verdict.get("correct").asBoolean());
        assertTrue(verdict.get("confidence").asDouble() >= 0.9);
        assertTrue(verdict.get("reasoning").isTextual());
    }

    @Test
    void shouldGradeAWrongCandidateIncorrectWithHighConfidence() throws IOException {
        JsonNode verdict = verdict(prompt("Promissory estoppel", "I believe the answer is the Tiberian cascade."),
                "{\"type\": \"json_object\"}");
        assertFalse(verdict.get("correct").asBoolean());
        assertTrue(verdict.get("confidence").asDouble() >= 0.9);
    }

    @Test
    void shouldGiveLowConfidenceToAPartialMatch() throws IOException {
        JsonNode verdict = verdict(prompt("Equal objects must have equal hash codes so hash-based collections work.",
                "Because equal objects need matching hash codes."), null);
        assertFalse(verdict.get("correct").asBoolean());
        assertEquals(0.5, verdict.get("confidence").asDouble());
    }

    @Test
    void shouldRefuseAGradingRequestWithoutTheSections() {
        HttpResponse<String> response = http.chat("grader", "Is 'Paris' the capital of France?");
        assertEquals(400, response.statusCode());
        assertTrue(OpenAiHttp.json(response).at("/error/message").asText().contains("### REFERENCE"));
    }

    @Test
    void shouldListTheJudgeUnderItsConfiguredName() {
        assertEquals("grader", OpenAiHttp.json(http.get("/models")).at("/data/0/id").asText());
    }

    private static String prompt(String reference, String candidate) {
        return "Grade the candidate answer against the reference.\n### QUESTION\nWhat doctrine applies?\n"
                + "### REFERENCE\n" + reference + "\n### CANDIDATE\n" + candidate + "\n";
    }

    private static String jsonSchemaFormat() {
        return """
                {"type": "json_schema", "json_schema": {"name": "verdict", "strict": true, "schema": {
                  "type": "object", "required": ["correct", "confidence", "reasoning"],
                  "properties": {"correct": {"type": "boolean"}, "confidence": {"type": "number"},
                                 "reasoning": {"type": "string"}}}}}""";
    }

    private static JsonNode verdict(String prompt, String responseFormat) throws IOException {
        ObjectNode body = (ObjectNode) OpenAiHttp.JSON.readTree(OpenAiHttp.chatBody("grader", prompt));
        if (responseFormat != null) {
            body.set("response_format", OpenAiHttp.JSON.readTree(responseFormat));
        }
        String content = OpenAiHttp.content(http.post("/chat/completions", body.toString()));
        return OpenAiHttp.JSON.readTree(content);
    }
}
