package dev.arbiter.payout.surface;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.fuzz.OpenApiFuzzer;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Every operation of payout-service's OpenAPI document, sent malformed requests by every kind of caller. */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "payouts"))
class FuzzTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldRefuseEveryMalformedRequestWithAProblemAndWriteNothing() throws Exception {
        OpenApiFuzzer.against(base)
                .bookkeeping("idempotent_request", "a keyed money request stores its answer, a business refusal (404 for "
                        + "an unknown batch) too, so that a retry with the same key gets the same answer; checked below")
                .assertRefusedWithoutWriting(dataSource);

        // What the fuzz run left there are refusals only: no request it sent was carried out.
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select count(*) from idempotent_request where idempotency_key like 'fuzz-%' "
                     + "and (status is null or status < 400)")) {
            rs.next();
            assertEquals(0, rs.getLong(1), "stored answers that are not refusals");
        }
    }
}
