package dev.arbiter.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.bench.common.PhaseStats;
import dev.arbiter.deploy.audit.StackAudit;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Experts judging, issued one request per tick of an open loop: each flow claims a task, sends a batch of
 * workbench events, saves a draft, sends another batch, submits its judgment and (with reviews on) has a QA
 * reviewer accept it; every {@code progressEvery}-th tick the lab reads its job's progress instead. A tick
 * takes the next step of a flow whose previous request has answered, or starts a new flow; so the offered rate
 * is fixed and the flows in flight grow when the service slows down.
 *
 * <p>Requests go round-robin to task-service's replicas, as a load balancer would. A request that failed is
 * counted in the current phase by class and its step is tried again (at most {@link #MAX_ATTEMPTS} times) on the
 * next replica: a write whose answer was lost may have been stored, so a retried submit that finds the task
 * already submitted, or a retried review that finds the judgment decided, counts as <em>stored without an
 * acknowledgement</em>, never as acknowledged. Only 2xx answers go into {@link #acknowledged()}.
 */
public final class Workload {

    static final int MAX_ATTEMPTS = 6;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RATIONALE = "The preferred answer states the rule correctly and applies it to the case; "
            + "the other one misreads the exception and reaches the wrong result.";

    private enum Step { CLAIM, EVENTS_0, DRAFT, EVENTS_1, SUBMIT, REVIEW, DONE }

    private static final class Flow {
        final String[] expert;
        Step step = Step.CLAIM;
        String taskId;
        UUID sessionId;
        List<String> labels;
        UUID judgmentId;
        int attempts;
        boolean answerLost;

        Flow(String[] expert) {
            this.expert = expert;
        }
    }

    private final HttpClient client;
    private final ExecutorService executor;
    private final Supplier<List<String>> taskUrls;
    private final JudgingSetup setup;
    private final boolean reviews;
    private final int progressEvery;
    private final Duration timeout;
    private final ConcurrentLinkedQueue<Flow> ready = new ConcurrentLinkedQueue<>();
    private final AtomicLong roundRobin = new AtomicLong();
    private final AtomicLong expertTurn = new AtomicLong();
    private final AtomicLong reviewerTurn = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private volatile PhaseStats phase;

    private final Set<UUID> judgments = ConcurrentHashMap.newKeySet();
    private final Set<UUID> reviewsDone = ConcurrentHashMap.newKeySet();
    private final Set<String> batches = ConcurrentHashMap.newKeySet();
    final AtomicLong claims = new AtomicLong();
    final AtomicLong nothingToClaim = new AtomicLong();
    final AtomicLong storedWithoutAck = new AtomicLong();
    final AtomicLong abandoned = new AtomicLong();

    /**
     * @param taskUrls the task-service replicas to spread requests over (asked again for every request, so a
     *                 replica can be taken out and put back)
     */
    public Workload(JudgingSetup setup, Supplier<List<String>> taskUrls, boolean reviews, int progressEvery, Duration timeout,
                    PhaseStats first) {
        this.setup = setup;
        this.taskUrls = taskUrls;
        this.reviews = reviews;
        this.progressEvery = progressEvery;
        this.timeout = timeout;
        this.phase = first;
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "workload-http");
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(executor).build();
    }

    /** From now on, requests count in {@code next}. */
    public void phase(PhaseStats next) {
        phase = next;
    }

    public long inFlight() {
        return inFlight.get();
    }

    /** The ids of every write that was answered 2xx. */
    public StackAudit.Acknowledged acknowledged() {
        return new StackAudit.Acknowledged(Set.copyOf(judgments), Set.copyOf(reviewsDone), Set.copyOf(batches));
    }

    public long judgmentsAcknowledged() {
        return judgments.size();
    }

    public long reviewsAcknowledged() {
        return reviewsDone.size();
    }

    /** An {@link dev.arbiter.bench.common.OpenLoop.Tick}: starts one request, due at {@code dueNanos}. */
    public void fire(long dueNanos, long index) {
        PhaseStats stats = phase;
        if (progressEvery > 0 && index % progressEvery == progressEvery - 1) {
            send("progress", request(url() + "/api/jobs/" + setup.jobId + "/progress", setup.bench.labToken).GET().build(),
                    dueNanos, stats, null, (status, body) -> {
                        if (status != 200) {
                            throw new Unexpected(status);
                        }
                    }, () -> { });
            return;
        }
        Flow flow = ready.poll();
        if (flow == null) {
            flow = new Flow(setup.experts.get((int) (expertTurn.getAndIncrement() % setup.experts.size())));
        }
        issue(flow, dueNanos, stats);
    }

    /** Waits (bounded) until every request started has answered. */
    public void drain(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    public void close() {
        executor.shutdownNow();
    }

    private void issue(Flow f, long due, PhaseStats stats) {
        String base = url();
        String token = f.expert[1];
        try {
            switch (f.step) {
                case CLAIM -> send("claim", post(base + "/api/tasks/claim", Map.of("jobId", setup.jobId), token), due, stats, f,
                        (status, body) -> {
                            if (status == 204) {
                                nothingToClaim.incrementAndGet();
                                f.step = Step.DONE;
                                return;
                            }
                            if (status != 200) {
                                throw new Unexpected(status);
                            }
                            JsonNode claim = JSON.readTree(body);
                            f.taskId = claim.get("taskId").asText();
                            f.sessionId = UUID.fromString(claim.get("sessionId").asText());
                            f.labels = new ArrayList<>();
                            claim.path("item").path("responses").forEach(r -> f.labels.add(r.get("label").asText()));
                            claims.incrementAndGet();
                            f.step = Step.EVENTS_0;
                        }, () -> f.step = Step.DONE);
                case EVENTS_0, EVENTS_1 -> {
                    int seq = f.step == Step.EVENTS_0 ? 0 : 1;
                    send("session events", post(base + "/api/sessions/" + f.sessionId + "/events",
                            JSON.readTree(dev.arbiter.bench.sessions.WorkbenchBatches.batch(seq, seq * 2000L)), token), due, stats, f, (status, body) -> {
                                if (status != 202) {
                                    throw new Unexpected(status);
                                }
                                batches.add(StackAudit.Acknowledged.batch(f.sessionId, seq));
                                f.step = seq == 0 ? Step.DRAFT : Step.SUBMIT;
                            }, null);
                }
                case DRAFT -> send("draft", request(base + "/api/tasks/" + f.taskId + "/draft", token)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("rationales",
                                Map.of("accuracy", RATIONALE.substring(0, 60)))))).build(), due, stats, f, (status, body) -> {
                                    if (status != 204) {
                                        throw new Unexpected(status);
                                    }
                                    f.step = Step.EVENTS_1;
                                }, null);
                case SUBMIT -> send("submit", post(base + "/api/tasks/" + f.taskId + "/judgment", judgment(f.labels), token), due,
                        stats, f, (status, body) -> {
                            if (status == 201) {
                                f.judgmentId = UUID.fromString(JSON.readTree(body).get("judgmentId").asText());
                                judgments.add(f.judgmentId);
                                f.step = reviews ? Step.REVIEW : Step.DONE;
                            } else if (status == 409 && f.answerLost) {
                                storedWithoutAck.incrementAndGet();
                                f.step = Step.DONE;
                            } else {
                                throw new Unexpected(status);
                            }
                        }, null);
                case REVIEW -> {
                    String[] reviewer = setup.reviewers.get((int) (reviewerTurn.getAndIncrement() % setup.reviewers.size()));
                    send("review", post(base + "/api/reviews/" + f.judgmentId, Map.of("decision", "ACCEPT",
                            "strengths", "Applies the rule to the facts.", "issues", "None worth noting."), reviewer[1]), due, stats, f,
                            (status, body) -> {
                                if (status == 201) {
                                    reviewsDone.add(UUID.fromString(JSON.readTree(body).get("reviewId").asText()));
                                    f.step = Step.DONE;
                                } else if (status == 409 && f.answerLost) {
                                    storedWithoutAck.incrementAndGet();
                                    f.step = Step.DONE;
                                } else {
                                    throw new Unexpected(status);
                                }
                            }, null);
                }
                case DONE -> {
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        // the flow comes back to the ready queue when its answer is in (see send)
    }

    @FunctionalInterface
    private interface Answer {
        void accept(int status, String body) throws Exception;
    }

    /** A status the step does not expect. */
    private static final class Unexpected extends RuntimeException {
        final int status;

        Unexpected(int status) {
            super("HTTP " + status);
            this.status = status;
        }
    }

    private void send(String kind, HttpRequest request, long due, PhaseStats stats, Flow flow, Answer answer,
                      Runnable onClaimFailure) {
        inFlight.incrementAndGet();
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            long latency = System.nanoTime() - due;
            try {
                if (error != null) {
                    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    boolean notSent = cause instanceof ConnectException;
                    stats.error(kind, classify(cause));
                    retry(flow, !notSent, onClaimFailure);
                    return;
                }
                try {
                    answer.accept(response.statusCode(), response.body());
                    stats.ok(kind, latency);
                    if (flow != null) {
                        flow.attempts = 0;
                        flow.answerLost = false;
                        again(flow);
                    }
                } catch (Unexpected e) {
                    stats.error(kind, "HTTP " + e.status + problemType(response.body()));
                    retry(flow, e.status >= 500, onClaimFailure);
                } catch (Exception e) {
                    stats.error(kind, "bad answer: " + e.getClass().getSimpleName());
                    retry(flow, false, onClaimFailure);
                }
            } finally {
                inFlight.decrementAndGet();
            }
        });
    }

    private void retry(Flow flow, boolean answerMayBeLost, Runnable onClaimFailure) {
        if (flow == null) {
            return;
        }
        if (onClaimFailure != null) {
            // a claim whose answer was lost may hold a lease nobody works on: it expires like any other
            onClaimFailure.run();
            return;
        }
        flow.answerLost |= answerMayBeLost;
        if (++flow.attempts >= MAX_ATTEMPTS) {
            abandoned.incrementAndGet();
            flow.step = Step.DONE;
            return;
        }
        again(flow);
    }

    private void again(Flow flow) {
        if (flow.step != Step.DONE) {
            ready.add(flow);
        }
    }

    private static String classify(Throwable cause) {
        if (cause instanceof ConnectException) {
            return "connection refused (not sent)";
        }
        if (cause instanceof HttpTimeoutException) {
            return "timed out (answer lost)";
        }
        if (cause instanceof IOException) {
            return "connection closed mid-request (answer lost)";
        }
        return cause.getClass().getSimpleName();
    }

    private static String problemType(String body) {
        int at = body == null ? -1 : body.indexOf("\"type\"");
        if (at < 0) {
            return "";
        }
        int start = body.indexOf('"', body.indexOf(':', at) + 1);
        int end = start < 0 ? -1 : body.indexOf('"', start + 1);
        if (start < 0 || end < 0) {
            return "";
        }
        String type = body.substring(start + 1, end);
        return " " + type.substring(type.lastIndexOf('/') + 1);
    }

    private String url() {
        List<String> urls = taskUrls.get();
        return urls.get((int) (roundRobin.getAndIncrement() % urls.size()));
    }

    private HttpRequest.Builder request(String url, String bearer) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("Accept", "application/json")
                .header("Authorization", "Bearer " + bearer);
    }

    private HttpRequest post(String url, Object body, String bearer) throws IOException {
        return request(url, bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
    }

    private static Map<String, Object> judgment(List<String> labels) {
        String good = labels.get(0);
        String bad = labels.get(1);
        return Map.of("ranking", List.of(good, bad), "preferenceStrength", -2,
                "scores", Map.of(good, Map.of("accuracy", 4), bad, Map.of("accuracy", 2)),
                "rationales", Map.of("accuracy", RATIONALE),
                "critiques", List.of(Map.of("label", bad, "category", "FACTUAL_ERROR", "severity", "MAJOR",
                        "comment", "Misreads the exception to the rule.")),
                "overallRationale", RATIONALE);
    }
}
