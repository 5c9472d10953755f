package dev.arbiter.testsupport;

import dev.arbiter.infra.JwtKeys;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a real PostgreSQL database, a real Kafka broker and the test JWT
 * keys, without Docker. Use it with {@code @WithTestResource} (checked on Quarkus 3.33 by
 * {@code ArbiterInfraResourceQuarkusTest}; its default scope, {@code MATCHING_RESOURCES}, lets
 * test classes with the same declaration share one application start):
 *
 * <pre>{@code
 * @QuarkusTest
 * @WithTestResource(value = ArbiterInfraResource.class,
 *                   initArgs = @ResourceArg(name = "database", value = "payouts"))
 * class PayoutResourceTest { ... }
 * }</pre>
 *
 * <p>{@code @QuarkusTestResource} with the same arguments also works, but it applies to every
 * {@code @QuarkusTest} of the module unless {@code restrictToAnnotatedClass = true}.
 *
 * <p>One PostgreSQL server and one Kafka broker are started per JVM, on first use, and stopped
 * at JVM exit ({@link TestInfra}). Each {@link #start()} drops and recreates the database named by
 * the {@code database} init argument (default {@value #DEFAULT_DATABASE}), so every Quarkus
 * application start migrates an empty schema. Kafka topics are shared by the whole JVM: tests
 * should use unique keys or ids rather than expect empty topics.
 *
 * <p>The returned configuration: {@code quarkus.datasource.jdbc.url},
 * {@code quarkus.datasource.reactive.url}, {@code quarkus.datasource.username},
 * {@code quarkus.datasource.password}, {@code kafka.bootstrap.servers},
 * {@code mp.jwt.verify.publickey.location}, {@code smallrye.jwt.sign.key.location} (file paths)
 * and {@code mp.jwt.verify.issuer} = {@link TestJwt#ISSUER}. Services still set
 * {@code quarkus.devservices.enabled=false} themselves (there is no Docker here).
 */
public class ArbiterInfraResource implements QuarkusTestResourceLifecycleManager {

    /** Name of the init argument that chooses the database. */
    public static final String DATABASE_ARG = "database";
    public static final String DEFAULT_DATABASE = "arbiter";

    private String database = DEFAULT_DATABASE;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault(DATABASE_ARG, DEFAULT_DATABASE);
    }

    @Override
    public Map<String, String> start() {
        TestInfra.recreateDatabase(database);
        JwtKeys keys = TestInfra.jwtKeys();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.jdbc.url", TestInfra.jdbcUrl(database));
        config.put("quarkus.datasource.reactive.url", TestInfra.reactiveUrl(database));
        config.put("quarkus.datasource.username", TestInfra.username());
        config.put("quarkus.datasource.password", TestInfra.password());
        config.put("kafka.bootstrap.servers", TestInfra.kafkaBootstrapServers());
        config.put("mp.jwt.verify.publickey.location", keys.publicKeyPath().toString());
        config.put("smallrye.jwt.sign.key.location", keys.privateKeyPath().toString());
        config.put("mp.jwt.verify.issuer", TestJwt.ISSUER);
        return config;
    }

    @Override
    public void stop() {
        // Shared for the whole JVM: TestInfra stops the servers at exit.
    }
}
