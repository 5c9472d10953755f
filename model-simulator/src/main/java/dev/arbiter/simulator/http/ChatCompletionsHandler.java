package dev.arbiter.simulator.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.arbiter.simulator.RequestCounter;
import dev.arbiter.simulator.SimulatedModels;
import dev.arbiter.simulator.fault.FaultDecision;
import dev.arbiter.simulator.fault.FaultPlan;
import dev.arbiter.simulator.knowledge.QuestionText;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code POST /v1/chat/completions}. The whole request is validated before any fault applies,
 * so a malformed request never uses up a {@code failFirst} failure.
 */
final class ChatCompletionsHandler implements HttpHandler {

    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private static final System.Logger LOG = System.getLogger(ChatCompletionsHandler.class.getName());

    private final SimulatedModels models;
    private final FaultPlan faults;
    private final RequestCounter counter;
    private final DelayedResponder responder;
    private final AtomicLong completionIds = new AtomicLong();

    ChatCompletionsHandler(SimulatedModels models, FaultPlan faults, RequestCounter counter,
                           DelayedResponder responder) {
        this.models = models;
        this.faults = faults;
        this.counter = counter;
        this.responder = responder;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!"/v1/chat/completions".equals(exchange.getRequestURI().getPath())) {
            OpenAiErrors.notFound(exchange.getRequestURI().getPath()).send(exchange);
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            OpenAiErrors.methodNotAllowed(exchange.getRequestMethod(), "POST").send(exchange);
            return;
        }
        byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            OpenAiErrors.tooLarge(MAX_BODY_BYTES).send(exchange);
            return;
        }
        try {
            answer(exchange, ChatRequest.parse(body));
        } catch (InvalidRequestException e) {
            OpenAiErrors.invalidRequest(e.getMessage()).send(exchange);
        } catch (RuntimeException e) {
            // A bug of ours must still look like a provider error to the client, not a reset connection.
            LOG.log(System.Logger.Level.ERROR, "chat completion failed", e);
            OpenAiErrors.internalError().send(exchange);
        }
    }

    private void answer(HttpExchange exchange, ChatRequest request) {
        String model = request.model();
        counter.record(model);
        if (request.stream()) {
            throw new InvalidRequestException(
                    "stream=true is not supported by the Arbiter model simulator; send stream=false.");
        }
        if (!models.serves(model)) {
            OpenAiErrors.modelNotFound(model).send(exchange);
            return;
        }
        String question = request.lastUserContent()
                .orElseThrow(() -> new InvalidRequestException("'messages' must contain a message with role 'user'."));
        String reply;
        try {
            reply = models.reply(model, request.systemContent(), question, request.format());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        FaultDecision decision = faults.decide(model);
        switch (decision.outcome()) {
            case HANG -> responder.hold(exchange, model);
            case FAIL -> responder.sendAfter(exchange, OpenAiErrors.simulatedFault(decision.errorStatus(), model),
                    decision.delayMillis());
            case ANSWER -> responder.sendAfter(exchange, completion(request, reply), decision.delayMillis());
        }
    }

    private JsonResponse completion(ChatRequest request, String reply) {
        String content = reply;
        String finishReason = "stop";
        String[] words = reply.strip().split("\\s+");
        if (request.maxTokens().isPresent() && words.length > request.maxTokens().getAsInt()) {
            content = String.join(" ", Arrays.copyOf(words, request.maxTokens().getAsInt()));
            finishReason = "length";
        }
        int promptTokens = request.messages().stream()
                .mapToInt(message -> QuestionText.wordCount(message.content())).sum();
        int completionTokens = QuestionText.wordCount(content);

        ObjectNode body = JsonResponse.JSON.createObjectNode();
        body.put("id", String.format("chatcmpl-sim%08x", completionIds.incrementAndGet()));
        body.put("object", "chat.completion");
        body.put("created", Instant.now().getEpochSecond());
        body.put("model", request.model());
        body.put("system_fingerprint", "arbiter-simulator");
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", content);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        ObjectNode usage = body.putObject("usage");
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
        return JsonResponse.of(200, body);
    }
}
