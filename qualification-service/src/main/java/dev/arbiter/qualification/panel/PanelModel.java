package dev.arbiter.qualification.panel;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * One model of the panel (or the judge) with its own resilience: a bulkhead (at most
 * {@code maxConcurrent} calls in flight, the provider's rate limit), a timeout per call, retries
 * with exponential backoff on 429/5xx, and a circuit breaker. Whatever fails, the caller gets a
 * {@link ModelReply}: a model that could not answer gave no answer, it never fails the evaluation.
 */
public final class PanelModel implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PanelModel.class);
    private static final int QUEUE_PER_SLOT = 500;

    private final ModelSettings settings;
    private final ChatModel chatModel;
    private final ThreadPoolExecutor bulkhead;
    private final CircuitBreaker breaker;

    public PanelModel(ModelSettings settings, ChatModel chatModel) {
        this.settings = settings;
        this.chatModel = chatModel;
        AtomicInteger threads = new AtomicInteger();
        int slots = Math.max(1, settings.maxConcurrent());
        this.bulkhead = new ThreadPoolExecutor(slots, slots, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(slots * QUEUE_PER_SLOT), r -> {
                    Thread t = new Thread(r, "panel-" + settings.name() + "-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.bulkhead.allowCoreThreadTimeOut(true);
        this.breaker = new CircuitBreaker(settings.circuitFailureThreshold(), settings.circuitOpenDuration());
    }

    public String name() {
        return settings.name();
    }

    public ModelSettings settings() {
        return settings;
    }

    public CircuitBreaker.State circuitState() {
        return breaker.state();
    }

    /** Asks the model off the caller's thread; completes (never exceptionally) within {@link ModelSettings#deadline()}. */
    public CompletableFuture<ModelReply> ask(List<ChatMessage> messages) {
        return ask(messages, null);
    }

    /** The same, asking for structured output ({@code response_format}); {@code format} null for free text. */
    public CompletableFuture<ModelReply> ask(List<ChatMessage> messages, ResponseFormat format) {
        long queuedAt = System.nanoTime();
        CompletableFuture<ModelReply> reply;
        try {
            reply = CompletableFuture.supplyAsync(() -> call(messages, format, queuedAt), bulkhead);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(ModelReply.noAnswer(name(), "too many calls queued (bulkhead full)", 0, 0));
        }
        long deadline = settings.deadline().toMillis();
        return reply.completeOnTimeout(ModelReply.noAnswer(name(), "timed out", deadline, 0), deadline, TimeUnit.MILLISECONDS)
                .exceptionally(e -> ModelReply.noAnswer(name(), ModelFailure.classify(e).describe(), millisSince(queuedAt), 0));
    }

    /** Blocking, on a bulkhead thread: retries and circuit breaker around the client's own timeout. */
    private ModelReply call(List<ChatMessage> messages, ResponseFormat format, long queuedAt) {
        int calls = 0;
        ModelFailure last = null;
        for (int attempt = 0; attempt <= settings.maxRetries(); attempt++) {
            if (!breaker.tryAcquire()) {
                return ModelReply.noAnswer(name(), last == null ? "circuit open" : last.describe() + "; circuit open",
                        millisSince(queuedAt), calls);
            }
            calls++;
            try {
                ChatRequest.Builder request = ChatRequest.builder().messages(messages);
                if (format != null) {
                    request.responseFormat(format);
                }
                String text = chatModel.chat(request.build()).aiMessage().text();
                breaker.onSuccess();
                return ModelReply.answer(name(), text == null ? "" : text, millisSince(queuedAt), calls);
            } catch (RuntimeException e) {
                breaker.onFailure();
                last = ModelFailure.classify(e);
                LOG.debugf("model %s call %d failed: %s", name(), calls, last.describe());
                if (!last.retriable() || attempt == settings.maxRetries()) {
                    break;
                }
                if (!backoff(attempt)) {
                    break;
                }
            }
        }
        return ModelReply.noAnswer(name(), last == null ? "no answer" : last.describe(), millisSince(queuedAt), calls);
    }

    private boolean backoff(int attempt) {
        long base = settings.initialBackoff().toMillis() << Math.min(attempt, 10);
        long jitter = (long) (base * 0.2 * Math.random());
        try {
            Thread.sleep(base + jitter);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    @Override
    public void close() {
        bulkhead.shutdownNow();
    }
}
