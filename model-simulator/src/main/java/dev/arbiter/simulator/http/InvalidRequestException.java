package dev.arbiter.simulator.http;

/** A request the simulator answers with 400 in the OpenAI error shape. */
final class InvalidRequestException extends RuntimeException {

    InvalidRequestException(String message) {
        super(message);
    }
}
