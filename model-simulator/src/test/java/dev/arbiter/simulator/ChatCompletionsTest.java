package dev.arbiter.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OpenAI protocol over real HTTP, against the demo panel. */
class ChatCompletionsTest {

    private static final String ANTIDOTE = "What is the antidote for acetaminophen (paracetamol) overdose?";
    private static final String PHANTOM_READS = "Which SQL standard isolation level prevents phantom reads?\n"
            + "A) Read committed\nB) Repeatable read\nC) Serializable\nD) Read uncommitted";

    private static ModelSimulator simulator;
    private static OpenAiHttp http;

    @BeforeAll
    static void start() throws IOException {
        simulator = ModelSimulator.start(SimulatorConfig.builder().demoKnowledge().build());
        http = new OpenAiHttp(simulator.baseUrl());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void shouldReportHealthAndListEveryKnowledgeModelPlusTheJudge() {
        String root = simulator.baseUrl().substring(0, simulator.baseUrl().length() - "/v1".length());
        assertEquals("{\"status\":\"UP\"}", new OpenAiHttp(root).get("/health").body());
        JsonNode models = OpenAiHttp.json(http.get("/models"));
        assertEquals("list", models.get("object").asText());
        assertEquals(List.of("sim-atlas", "sim-borealis", "sim-cirrus", "sim-judge"),
                models.get("data").findValuesAsText("id"));
        for (JsonNode model : models.get("data")) {
            assertEquals("model", model.get("object").asText());
            assertEquals("arbiter-simulator", model.get("owned_by").asText());
            assertTrue(model.get("created").isIntegralNumber());
        }
    }

    @Test
    void shouldAnswerAKnownQuestionInTheChatCompletionShape() {
        HttpResponse<String> response = http.chat("sim-atlas", "  what is the ANTIDOTE for acetaminophen "
                + "(paracetamol) overdose ");
        JsonNode body = OpenAiHttp.json(response);
        assertEquals(200, response.statusCode());
        assertTrue(body.get("id").asText().startsWith("chatcmpl-"));
        assertEquals("chat.completion", body.get("object").asText());
        assertEquals("sim-atlas", body.get("model").asText());
        assertEquals("assistant", body.at("/choices/0/message/role").asText());
        assertEquals("N-acetylcysteine", body.at("/choices/0/message/content").asText());
        assertEquals("stop", body.at("/choices/0/finish_reason").asText());
        assertEquals(body.at("/usage/prompt_tokens").asInt() + body.at("/usage/completion_tokens").asInt(),
                body.at("/usage/total_tokens").asInt());
    }

    @Test
    void shouldAnswerAnUnknownQuestionWronglyButAlwaysTheSame() {
        String first = OpenAiHttp.content(http.chat("sim-borealis", ANTIDOTE));
        assertNotEquals("N-acetylcysteine", first);
        assertFalse(first.toLowerCase().contains("acetylcysteine"), first);
        assertEquals(first, OpenAiHttp.content(http.chat("sim-borealis", ANTIDOTE)));
    }

    @Test
    void shouldMissAnswerKeyOnlyMultipleChoiceQuestionsWithAnotherOption() {
        for (String model : List.of("sim-atlas", "sim-borealis", "sim-cirrus")) {
            String answer = OpenAiHttp.content(http.chat(model, PHANTOM_READS));
            assertTrue(answer.matches("[ABD]"), model + " answered " + answer);
        }
    }

    @Test
    void shouldTakeTheQuestionFromTheLastUserMessageAndAcceptContentParts() {
        String body = """
                {"model": "sim-cirrus", "stream": false, "max_tokens": 50,
                 "response_format": {"type": "text"},
                 "messages": [
                   {"role": "system", "content": "You are a pharmacologist."},
                   {"role": "user", "content": "What is the capital of France?"},
                   {"role": "assistant", "content": "Paris."},
                   {"role": "user", "content": [{"type": "text", "text": "%s"}]}]}
                """.formatted(ANTIDOTE);
        assertEquals("N-acetylcysteine", OpenAiHttp.content(http.post("/chat/completions", body)));
    }

    @Test
    void shouldLearnKnowledgeAtRuntime() {
        String question = "What is the half-life of caffeine in healthy adults, in hours?";
        simulator.addKnowledge("sim-cirrus", question, "About 5 hours");
        assertEquals("About 5 hours", OpenAiHttp.content(http.chat("sim-cirrus", question)));
        assertNotEquals("About 5 hours", OpenAiHttp.content(http.chat("sim-atlas", question)));
    }

    @Test
    void shouldRefuseAnUnknownModelWith404InTheOpenAiErrorShape() {
        HttpResponse<String> response = http.chat("gpt-4o", "Hello?");
        assertEquals(404, response.statusCode());
        assertOpenAiError(response, "model_not_found");
    }

    @Test
    void shouldRefuseMalformedRequestsWith400() {
        assertOpenAiError(expectStatus(400, http.post("/chat/completions", "{\"model\": ")), "invalid_request");
        assertOpenAiError(expectStatus(400, http.post("/chat/completions", "{\"model\": \"sim-atlas\"}")),
                "invalid_request");
        assertOpenAiError(expectStatus(400, http.post("/chat/completions",
                "{\"model\": \"sim-atlas\", \"messages\": [{\"role\": \"system\", \"content\": \"hi\"}]}")),
                "invalid_request");
    }

    @Test
    void shouldSayStreamingIsUnsupported() {
        HttpResponse<String> response = http.post("/chat/completions",
                "{\"model\": \"sim-atlas\", \"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"q\"}]}");
        assertEquals(400, response.statusCode());
        assertTrue(OpenAiHttp.json(response).at("/error/message").asText().contains("not supported"));
    }

    @Test
    void shouldTruncateToMaxTokens() {
        String body = "{\"model\": \"sim-atlas\", \"max_tokens\": 2, \"messages\": [{\"role\": \"user\", "
                + "\"content\": \"Why must equals and hashCode be overridden together in Java?\"}]}";
        JsonNode completion = OpenAiHttp.json(http.post("/chat/completions", body));
        assertEquals("Because equal", completion.at("/choices/0/message/content").asText());
        assertEquals("length", completion.at("/choices/0/finish_reason").asText());
    }

    static HttpResponse<String> expectStatus(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        return response;
    }

    static void assertOpenAiError(HttpResponse<String> response, String code) {
        assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
        JsonNode error = OpenAiHttp.json(response).get("error");
        assertTrue(error.get("message").isTextual() && !error.get("message").asText().isBlank(), response.body());
        assertTrue(error.get("type").isTextual(), response.body());
        assertEquals(code, error.get("code").asText(), response.body());
    }
}
