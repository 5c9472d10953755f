package dev.arbiter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The public port in front of several marketplace-api replicas: connections take turns, a refusing replica is skipped. */
class ConnectionBalancerTest {

    @Test
    void shouldHandConnectionsToTheReplicasInTurnAndSkipOneThatRefuses() throws Exception {
        ExecutorService threads = Executors.newCachedThreadPool();
        try (ServerSocket first = new ServerSocket(0); ServerSocket second = new ServerSocket(0)) {
            threads.execute(() -> answerWithName(first, "first"));
            threads.execute(() -> answerWithName(second, "second"));
            int dead;
            try (ServerSocket closed = new ServerSocket(0)) {
                dead = closed.getLocalPort();
            }
            try (ConnectionBalancer balancer = ConnectionBalancer.start(0,
                    List.of(first.getLocalPort(), dead, second.getLocalPort()))) {
                List<String> answers = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    answers.add(exchange(balancer.port(), "hello " + i));
                }
                assertTrue(answers.stream().allMatch(a -> a.endsWith(" hello " + answers.indexOf(a))), answers.toString());
                long firsts = answers.stream().filter(a -> a.startsWith("first")).count();
                long seconds = answers.stream().filter(a -> a.startsWith("second")).count();
                assertEquals(6, firsts + seconds, "every connection reached a live replica: " + answers);
                assertTrue(firsts >= 2 && seconds >= 2, "both live replicas had their turns: " + answers);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Sends a line, half-closes, and reads the whole answer. */
    private static String exchange(int port, String line) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(line.getBytes(StandardCharsets.UTF_8));
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Answers each connection with its name and what it was sent, until the socket is closed. */
    private static void answerWithName(ServerSocket server, String name) {
        while (!server.isClosed()) {
            try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                String received = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                out.write((name + " " + received).getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                return;
            }
        }
    }
}
