package dev.arbiter.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The public port of the local stack when marketplace-api runs as several replicas: a TCP balancer that hands
 * each accepted connection to the next replica in turn and copies bytes both ways until either side closes.
 * It works on connections, not requests (a browser's keep-alive connection stays with one replica), which is
 * all that a rehearsal of scale on one machine needs; in production a load balancer does this.
 *
 * <p>A replica that refuses a connection (killed, restarting) is skipped for {@link #SKIP_REFUSED}; when every
 * replica refuses, the client's connection is closed at once.
 */
final class ConnectionBalancer implements AutoCloseable {

    static final Duration SKIP_REFUSED = Duration.ofSeconds(3);
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final int BUFFER = 16 * 1024;

    private final ServerSocket server;
    private final List<Integer> backends;
    /** Per backend: until when (System.nanoTime) it is skipped; 0 when not. */
    private final AtomicLongArray skippedUntil;
    private final AtomicInteger next = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "arbiter-local-balancer");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    private ConnectionBalancer(ServerSocket server, List<Integer> backends) {
        this.server = server;
        this.backends = List.copyOf(backends);
        this.skippedUntil = new AtomicLongArray(backends.size());
    }

    /** Listens on {@code port} (all interfaces, as a service would) and spreads connections over {@code backendPorts} on localhost. */
    static ConnectionBalancer start(int port, List<Integer> backendPorts) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(port), 256);
            ConnectionBalancer balancer = new ConnectionBalancer(server, backendPorts);
            balancer.threads.execute(balancer::acceptLoop);
            return balancer;
        } catch (IOException e) {
            throw new LocalStackException("port " + port + " is already in use: stop what uses it or set ARBITER_HTTP_PORT.");
        }
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            threads.execute(() -> connect(client));
        }
    }

    /** Round robin over the replicas not being skipped; a refusal marks the replica and tries the next. */
    private void connect(Socket client) {
        int start = Math.floorMod(next.getAndIncrement(), backends.size());
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < backends.size(); i++) {
                int index = (start + i) % backends.size();
                long until = skippedUntil.get(index);
                // first pass: only replicas not skipped; second: all of them, in case every one was skipped
                if (pass == 0 && until != 0 && System.nanoTime() < until) {
                    continue;
                }
                Socket upstream = new Socket();
                try {
                    upstream.setTcpNoDelay(true);
                    upstream.connect(new InetSocketAddress("localhost", backends.get(index)), CONNECT_TIMEOUT_MILLIS);
                    skippedUntil.set(index, 0);
                    relay(client, upstream);
                    return;
                } catch (ConnectException | SocketTimeoutException e) {
                    skippedUntil.set(index, System.nanoTime() + SKIP_REFUSED.toNanos());
                    closeQuietly(upstream);
                } catch (IOException e) {
                    closeQuietly(upstream);
                    closeQuietly(client);
                    return;
                }
            }
        }
        closeQuietly(client);
    }

    private void relay(Socket client, Socket upstream) throws IOException {
        client.setTcpNoDelay(true);
        InputStream fromClient = client.getInputStream();
        OutputStream toClient = client.getOutputStream();
        InputStream fromUpstream = upstream.getInputStream();
        OutputStream toUpstream = upstream.getOutputStream();
        AtomicInteger open = new AtomicInteger(2);
        threads.execute(() -> copy(fromClient, toUpstream, upstream, client, upstream, open));
        copy(fromUpstream, toClient, client, client, upstream, open);
    }

    /** Copies one direction; at its end, half-closes the other side, and closes both once both directions ended. */
    private static void copy(InputStream in, OutputStream out, Socket writeSide, Socket client, Socket upstream,
                             AtomicInteger open) {
        byte[] buffer = new byte[BUFFER];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
            writeSide.shutdownOutput();
        } catch (IOException e) {
            // a reset from either side ends both directions
            closeQuietly(client);
            closeQuietly(upstream);
        } finally {
            if (open.decrementAndGet() == 0) {
                closeQuietly(client);
                closeQuietly(upstream);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        threads.shutdownNow();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}
