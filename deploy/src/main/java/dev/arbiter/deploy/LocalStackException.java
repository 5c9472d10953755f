package dev.arbiter.deploy;

/** The local stack could not start; the message is written for the person at the console. */
public class LocalStackException extends RuntimeException {

    public LocalStackException(String message) {
        super(message);
    }

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
