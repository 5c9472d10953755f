package dev.arbiter.simulator.http;

import com.sun.net.httpserver.HttpServer;
import dev.arbiter.simulator.RequestCounter;
import dev.arbiter.simulator.SimulatedModels;
import dev.arbiter.simulator.fault.FaultPlan;

import java.time.Instant;

/** The simulator's endpoints on a JDK {@link HttpServer}. */
public final class Routes {

    private Routes() {
    }

    public static void install(HttpServer server, SimulatedModels models, FaultPlan faults,
                               RequestCounter counter, DelayedResponder responder) {
        server.createContext("/", new HealthHandler());
        server.createContext("/v1/models", new ModelsHandler(models, Instant.now().getEpochSecond()));
        server.createContext("/v1/chat/completions", new ChatCompletionsHandler(models, faults, counter, responder));
    }
}
