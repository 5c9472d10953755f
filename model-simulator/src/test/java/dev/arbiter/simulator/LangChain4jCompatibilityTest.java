package dev.arbiter.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator as LangChain4j's OpenAI client sees it (the client quarkus-langchain4j-openai
 * builds on): answers, retries of simulated failures, structured judge output.
 */
class LangChain4jCompatibilityTest {

    private static ModelSimulator simulator;

    @BeforeAll
    static void start() throws IOException {
        simulator = ModelSimulator.start(SimulatorConfig.builder().demoKnowledge().build());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void shouldAnswerThroughTheOpenAiChatModel() {
        ChatResponse response = model("sim-cirrus", 0).chat(
                SystemMessage.from("Answer with the name of the drug only."),
                UserMessage.from("What is the antidote for acetaminophen (paracetamol) overdose?"));
        assertEquals("N-acetylcysteine", response.aiMessage().text());
        assertTrue(response.tokenUsage().totalTokenCount() > 0);
    }

    @Test
    void shouldSucceedAfterTheClientRetriesSimulatedServerErrors() {
        simulator.setFaults("sim-borealis", Faults.failFirst(1, 500));
        long before = simulator.requestCount("sim-borealis");
        assertEquals("O(1)", model("sim-borealis", 1)
                .chat("What is the average-case time complexity of a lookup in a hash table?"));
        assertEquals(2, simulator.requestCount("sim-borealis") - before);
    }

    @Test
    void shouldReturnTheJudgeVerdictAsJsonUnderAStrictJsonSchema() throws IOException {
        ResponseFormat verdictFormat = ResponseFormat.builder()
                .type(ResponseFormatType.JSON)
                .jsonSchema(JsonSchema.builder().name("verdict").rootElement(JsonObjectSchema.builder()
                        .addBooleanProperty("correct").addNumberProperty("confidence").addStringProperty("reasoning")
                        .required("correct", "confidence", "reasoning").build()).build())
                .build();
        ChatResponse response = model("sim-judge", 0).chat(ChatRequest.builder()
                .messages(UserMessage.from("### QUESTION\nWhat protects directors?\n### REFERENCE\n"
                        + "The business judgment rule\n### CANDIDATE\nThat is the business judgment rule."))
                .responseFormat(verdictFormat)
                .build());
        JsonNode verdict = OpenAiHttp.JSON.readTree(response.aiMessage().text());
        assertTrue(verdict.get("correct").asBoolean());
        assertTrue(verdict.get("confidence").asDouble() >= 0.9);
    }

    @Test
    void shouldSurfaceAnUnknownModelAsModelNotFound() {
        assertThrows(ModelNotFoundException.class, () -> model("gpt-4o", 0).chat("Hello?"));
    }

    private static ChatModel model(String name, int maxRetries) {
        return OpenAiChatModel.builder()
                .baseUrl(simulator.baseUrl())
                .apiKey("simulated")
                .modelName(name)
                .temperature(0.0)
                .timeout(Duration.ofSeconds(10))
                .maxRetries(maxRetries)
                .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                .strictJsonSchema(true)
                .build();
    }
}
