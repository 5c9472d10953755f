package dev.arbiter.testsupport;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Proves the annotation form the services use on Quarkus 3.33 really wires the application. */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class,
        initArgs = @ResourceArg(name = ArbiterInfraResource.DATABASE_ARG, value = "wiringcheck"))
class ArbiterInfraResourceQuarkusTest {

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @Test
    void shouldConnectTheDatasourceToTheNamedDatabase() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select current_database()")) {
            rs.next();
            assertEquals("wiringcheck", rs.getString(1));
        }
        assertEquals(TestInfra.kafkaBootstrapServers(), bootstrapServers);
        assertEquals(TestJwt.ISSUER, issuer);
    }
}
