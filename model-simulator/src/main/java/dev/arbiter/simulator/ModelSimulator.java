package dev.arbiter.simulator;

import com.sun.net.httpserver.HttpServer;
import dev.arbiter.simulator.fault.FaultPlan;
import dev.arbiter.simulator.http.DelayedResponder;
import dev.arbiter.simulator.http.Routes;
import dev.arbiter.simulator.knowledge.KnowledgeBase;
import dev.arbiter.simulator.knowledge.KnowledgeEntry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running OpenAI-compatible model simulator: simulated panel models and a judge, over real
 * HTTP, for the local stack, tests and benchmarks. Not a real LLM, and it says so.
 *
 * <pre>{@code
 * try (ModelSimulator sim = ModelSimulator.start(SimulatorConfig.builder().demoKnowledge().build())) {
 *     sim.setFaults("sim-cirrus", Faults.failFirst(2, 500));
 *     // point an OpenAI client at sim.baseUrl() ...
 *     assertEquals(3, sim.requestCount("sim-cirrus"));
 * }
 * }</pre>
 */
public final class ModelSimulator implements AutoCloseable {

    /** Threads that read requests and write responses; none of them ever waits out a latency. */
    static final int HTTP_THREADS = 64;

    private static final System.Logger LOG = System.getLogger(ModelSimulator.class.getName());

    static {
        // The JDK server writes headers and body as two segments; with Nagle's algorithm on, the
        // client's delayed ACK adds ~40 ms to every response. The switch is JVM-wide and read once,
        // when the first HttpServer is created; an explicit setting is left alone.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService httpPool;
    private final DelayedResponder responder;
    private final KnowledgeBase knowledge;
    private final FaultPlan faults;
    private final RequestCounter counter;
    private final SimulatedModels models;
    private final String baseUrl;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ModelSimulator(SimulatorConfig config) throws IOException {
        this.knowledge = new KnowledgeBase(config.knowledge());
        this.faults = new FaultPlan(config.seed(), config.faults());
        this.counter = new RequestCounter();
        this.models = new SimulatedModels(knowledge, config.judgeModel());
        // Bind first: if the port is taken, no thread has been started yet.
        this.server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 1024);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(HTTP_THREADS, HTTP_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads("arbiter-sim-http-"));
        pool.allowCoreThreadTimeOut(true);
        this.httpPool = pool;
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemonThreads("arbiter-sim-timer-"));
        timer.setRemoveOnCancelPolicy(true);
        this.responder = new DelayedResponder(timer, httpPool, config.hangTimeout());
        server.setExecutor(httpPool);
        Routes.install(server, models, faults, counter, responder);
        server.start();
        this.baseUrl = "http://" + advertisedHost(config.host()) + ":" + port() + "/v1";
        config.faults().keySet().stream().filter(model -> !models.serves(model)).forEach(model ->
                LOG.log(System.Logger.Level.WARNING, "faults given for model {0}, which the knowledge does not name",
                        model));
    }

    /** Binds, starts serving and logs that this is a simulator. */
    public static ModelSimulator start(SimulatorConfig config) throws IOException {
        ModelSimulator simulator = new ModelSimulator(config);
        LOG.log(System.Logger.Level.INFO, "Arbiter model SIMULATOR (simulated models, not a real LLM provider) "
                + "listening on {0}; models {1}; judge {2}", simulator.baseUrl(), simulator.models(),
                simulator.judgeModel());
        return simulator;
    }

    /** {@code http://127.0.0.1:PORT/v1}: the base URL an OpenAI client expects. */
    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The served models: every model the knowledge names, then the judge. */
    public List<String> models() {
        return models.names();
    }

    public String judgeModel() {
        return models.judgeModel();
    }

    /** Replaces the model's faults from the next request on; {@code failFirst} counts from here. */
    public void setFaults(String model, Faults modelFaults) {
        faults.set(model, modelFaults);
    }

    public Faults faults(String model) {
        return faults.get(model);
    }

    /** Teaches {@code model} ("*" for every model) an answer; a model not served yet becomes served. */
    public void addKnowledge(String model, String question, String answer) {
        knowledge.add(new KnowledgeEntry(model, question, answer));
    }

    /** Chat-completion requests received for {@code model} since start (or the last reset), failures included. */
    public long requestCount(String model) {
        return counter.count(model);
    }

    public void resetRequestCounts() {
        counter.reset();
    }

    /** Stops serving; requests still held or waiting out a latency see their connection closed. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        responder.close();
        server.stop(0);
        httpPool.shutdownNow();
        LOG.log(System.Logger.Level.INFO, "Arbiter model simulator on {0} stopped", baseUrl);
    }

    private static String advertisedHost(String host) {
        if (host.equals("0.0.0.0") || host.equals("::") || host.isBlank()) {
            return "127.0.0.1";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
