package dev.arbiter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The platform's terms read from the environment and handed to every service as {@code ARBITER_PLATFORM_*}; the
 * replicas and Kafka brokers from the environment, the command line and the builder.
 */
class LocalStackOptionsTest {

    @Test
    void shouldPassTheCurrencyAloneWhenNoTermIsSet() {
        LocalStackOptions options = LocalStackOptions.fromEnvironment(Map.of()).build();
        assertEquals("USD", options.currency());
        assertEquals(Map.of("ARBITER_PLATFORM_CURRENCY", "USD"), options.platformEnvironment());
    }

    @Test
    void shouldPassEveryTermThatIsSet() {
        LocalStackOptions options = LocalStackOptions.fromEnvironment(Map.of("ARBITER_CURRENCY", " CNY ",
                "ARBITER_PAY_FLOOR_MINOR", "3000", "ARBITER_MINIMUM_PAYOUT_MINOR", "10000",
                "ARBITER_PAYABLE_AFTER_DAYS", "7")).build();
        assertEquals(Map.of("ARBITER_PLATFORM_CURRENCY", "CNY", "ARBITER_PLATFORM_PAY_FLOOR_MINOR", "3000",
                "ARBITER_PLATFORM_MINIMUM_PAYOUT_MINOR", "10000", "ARBITER_PLATFORM_PAYABLE_AFTER_DAYS", "7"),
                options.platformEnvironment());
        assertEquals(options.platformEnvironment(), options.toBuilder().build().platformEnvironment());
    }

    @Test
    void shouldRefuseACurrencyThatIsNotIso4217NamingTheVariable() {
        for (String bad : new String[] {"usd", "US", "DOLLAR", "ABC", "12€"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LocalStackOptions.fromEnvironment(Map.of("ARBITER_CURRENCY", bad)));
            assertTrue(e.getMessage().startsWith("ARBITER_CURRENCY"), e.getMessage());
            assertTrue(e.getMessage().contains(bad) && e.getMessage().contains("USD"), e.getMessage());
        }
    }

    @Test
    void shouldRefuseTermsThatAreNotPositiveWholeNumbersNamingTheVariable() {
        for (String name : new String[] {"ARBITER_PAY_FLOOR_MINOR", "ARBITER_MINIMUM_PAYOUT_MINOR", "ARBITER_PAYABLE_AFTER_DAYS"}) {
            for (String bad : new String[] {"0", "-5", "12.50", "ten", "99999999999999999999"}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> LocalStackOptions.fromEnvironment(Map.of(name, bad)), name + "=" + bad);
                assertTrue(e.getMessage().startsWith(name + " must be a positive whole number"), e.getMessage());
            }
        }
        IllegalArgumentException days = assertThrows(IllegalArgumentException.class,
                () -> LocalStackOptions.fromEnvironment(Map.of("ARBITER_PAYABLE_AFTER_DAYS", "100000")));
        assertTrue(days.getMessage().contains("at most 3650"), days.getMessage());
    }

    @Test
    void shouldTreatABlankTermAsUnset() {
        LocalStackOptions options = LocalStackOptions.fromEnvironment(Map.of("ARBITER_CURRENCY", " ",
                "ARBITER_PAY_FLOOR_MINOR", "")).build();
        assertEquals(Map.of("ARBITER_PLATFORM_CURRENCY", "USD"), options.platformEnvironment());
    }

    @Test
    void shouldStartOneOfEachServiceOnOneBrokerUnlessToldOtherwise() {
        LocalStackOptions options = LocalStackOptions.fromEnvironment(Map.of()).build();
        LocalStackOptions.SERVICES.forEach(service -> assertEquals(1, options.replicas(service), service));
        assertEquals(1, options.kafkaBrokers());
    }

    @Test
    void shouldReadReplicasForEveryServiceOrPerServiceFromTheEnvironment() {
        LocalStackOptions every = LocalStackOptions.fromEnvironment(Map.of("ARBITER_REPLICAS", "2", "ARBITER_KAFKA_BROKERS", "3")).build();
        LocalStackOptions.SERVICES.forEach(service -> assertEquals(2, every.replicas(service), service));
        assertEquals(3, every.kafkaBrokers());

        LocalStackOptions some = LocalStackOptions.fromEnvironment(
                Map.of("ARBITER_REPLICAS", " task-service=2, payout-service = 3 ")).build();
        assertEquals(2, some.replicas("task-service"));
        assertEquals(3, some.replicas("payout-service"));
        assertEquals(1, some.replicas("marketplace-api"));
        assertEquals(1, some.replicas("qualification-service"));
        assertEquals(3, some.toBuilder().build().replicas("payout-service"), "toBuilder keeps the replicas");
    }

    @Test
    void shouldTakeTheCommandLineOverTheEnvironmentInOrder() {
        LocalStackOptions options = LocalStack.withArguments(LocalStackOptions.fromEnvironment(Map.of("ARBITER_REPLICAS", "3")),
                "--replicas", "2", "--replicas", "task-service=4", "--kafka-brokers=3", "--infra-only").build();
        assertEquals(2, options.replicas("marketplace-api"));
        assertEquals(4, options.replicas("task-service"));
        assertEquals(3, options.kafkaBrokers());
        assertTrue(options.infraOnly());

        LocalStackOptions builder = LocalStackOptions.builder().replicas(2).replicas("payout-service", 1).kafkaBrokers(3).build();
        assertEquals(2, builder.replicas("task-service"));
        assertEquals(1, builder.replicas("payout-service"));
    }

    @Test
    void shouldRefuseBadReplicaCountsAndServiceNamesWithAClearMessage() {
        for (String bad : new String[] {"0", "-1", "two", "9", "1.5", "task-service=", "task-service=0"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LocalStackOptions.fromEnvironment(Map.of("ARBITER_REPLICAS", bad)), bad);
            assertTrue(e.getMessage().startsWith("ARBITER_REPLICAS takes a number of replicas from 1 to 8"), e.getMessage());
            assertTrue(e.getMessage().contains("task-service=2"), e.getMessage());
        }
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> LocalStackOptions.fromEnvironment(Map.of("ARBITER_REPLICAS", "tasks=2")));
        assertEquals("ARBITER_REPLICAS names no service of the local stack: 'tasks' (one of marketplace-api, "
                + "qualification-service, task-service, payout-service)", unknown.getMessage());
        IllegalArgumentException builder = assertThrows(IllegalArgumentException.class,
                () -> LocalStackOptions.builder().replicas("model-simulator", 2));
        assertTrue(builder.getMessage().contains("'model-simulator'") && builder.getMessage().contains("task-service"),
                builder.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LocalStackOptions.builder().replicas(0));
        IllegalArgumentException cli = assertThrows(IllegalArgumentException.class,
                () -> LocalStack.withArguments(LocalStackOptions.builder(), "--replicas"));
        assertTrue(cli.getMessage().startsWith("--replicas needs a value"), cli.getMessage());
        IllegalArgumentException cliCount = assertThrows(IllegalArgumentException.class,
                () -> LocalStack.withArguments(LocalStackOptions.builder(), "--replicas", "many"));
        assertTrue(cliCount.getMessage().startsWith("--replicas takes a number of replicas"), cliCount.getMessage());
        IllegalArgumentException unknownArgument = assertThrows(IllegalArgumentException.class,
                () -> LocalStack.withArguments(LocalStackOptions.builder(), "--replica", "2"));
        assertEquals("Unknown argument: --replica", unknownArgument.getMessage());
    }

    @Test
    void shouldRefuseAKafkaOfOtherThanOneOrThreeBrokers() {
        for (String bad : new String[] {"0", "2", "4", "three", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LocalStack.withArguments(LocalStackOptions.builder(), "--kafka-brokers=" + bad), bad);
            assertTrue(e.getMessage().startsWith("--kafka-brokers must be 1 (one broker) or 3"), e.getMessage());
        }
        IllegalArgumentException env = assertThrows(IllegalArgumentException.class,
                () -> LocalStackOptions.fromEnvironment(Map.of("ARBITER_KAFKA_BROKERS", "2")));
        assertTrue(env.getMessage().startsWith("ARBITER_KAFKA_BROKERS must be 1") && env.getMessage().endsWith("not 2"),
                env.getMessage());
        IllegalArgumentException builder = assertThrows(IllegalArgumentException.class,
                () -> LocalStackOptions.builder().kafkaBrokers(5));
        assertTrue(builder.getMessage().contains("min.insync.replicas 2"), builder.getMessage());
    }
}
