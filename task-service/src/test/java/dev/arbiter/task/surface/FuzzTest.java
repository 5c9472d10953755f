package dev.arbiter.task.surface;

import dev.arbiter.testsupport.ArbiterInfraResource;
import dev.arbiter.testsupport.fuzz.OpenApiFuzzer;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Every operation of task-service's OpenAPI document, sent malformed requests by every kind of caller. */
@QuarkusTest
@WithTestResource(value = ArbiterInfraResource.class, initArgs = @ResourceArg(name = "database", value = "tasks"))
class FuzzTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldRefuseEveryMalformedRequestWithAProblemAndWriteNothing() {
        OpenApiFuzzer.against(base).assertRefusedWithoutWriting(dataSource);
    }
}
