package dev.arbiter.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Picks TCP ports that are free on the loopback interface right now.
 *
 * <p>A port picked here can still be taken by another process before it is bound; callers bind
 * soon after picking. Ports handed out by this JVM are remembered so that two consecutive picks
 * never return the same port.
 */
public final class FreePorts {

    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePorts() {
    }

    /** Returns a TCP port that nothing listens on at the moment of the call. */
    public static synchronized int pick() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = bindEphemeral();
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free TCP port found after 50 attempts");
    }

    private static int bindEphemeral() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot bind an ephemeral port", e);
        }
    }
}
