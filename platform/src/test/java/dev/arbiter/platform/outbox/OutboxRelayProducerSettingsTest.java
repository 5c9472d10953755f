package dev.arbiter.platform.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class OutboxRelayProducerSettingsTest {

    private static final Map<String, Object> SHARED_SCRAM_OVER_TLS = Map.of(
            "bootstrap.servers", "arbiter-kafka-bootstrap.kafka.svc:9093",
            "group.id", "payout-service",
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"payout-service\" password=\"p\";",
            "ssl.truststore.type", "PEM",
            "ssl.truststore.location", "/etc/arbiter/kafka/ca.crt",
            "acks", "1");

    @Test
    void shouldAuthenticateTheRelayLikeTheChannels() {
        Properties producer = OutboxRelay.producerProperties(SHARED_SCRAM_OVER_TLS, "broker:9093", "payout-service");

        assertEquals("SASL_SSL", producer.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", producer.get("sasl.mechanism"));
        assertEquals(SHARED_SCRAM_OVER_TLS.get("sasl.jaas.config"), producer.get("sasl.jaas.config"));
        assertEquals("PEM", producer.get("ssl.truststore.type"));
        assertEquals("/etc/arbiter/kafka/ca.crt", producer.get("ssl.truststore.location"));
    }

    @Test
    void shouldKeepItsOwnDeliverySettingsAndLeaveTheConsumerGroupOut() {
        Properties producer = OutboxRelay.producerProperties(SHARED_SCRAM_OVER_TLS, "broker:9093", "payout-service");

        assertEquals("all", producer.get("acks"));
        assertEquals(true, producer.get("enable.idempotence"));
        assertEquals("broker:9093", producer.get("bootstrap.servers"));
        assertEquals("payout-service-outbox", producer.get("client.id"));
        assertFalse(producer.containsKey("group.id"));
    }

    @Test
    void shouldConnectInPlaintextWhenNothingIsConfigured() {
        Properties producer = OutboxRelay.producerProperties(Map.of("bootstrap.servers", "localhost:9092"),
                "localhost:9092", "task-service");

        assertFalse(producer.containsKey("security.protocol"));
        assertFalse(producer.containsKey("sasl.jaas.config"));
    }
}
