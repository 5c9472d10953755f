package dev.arbiter.marketplace.account.limit;

import static io.restassured.RestAssured.given;

import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A JSON request sent from a loopback address of the test's choosing (127.0.0.x, bound as the client's local
 * address): the server sees it as the connection's address, as it would a client elsewhere.
 */
public final class FromAddress {

    private FromAddress() {
    }

    public static RequestSpecification from(String address) {
        try {
            InetAddress local = InetAddress.getByName(address);
            return given().config(RestAssuredConfig.config().httpClient(
                    HttpClientConfig.httpClientConfig().setParam("http.route.local-address", local)))
                    .contentType(ContentType.JSON);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
