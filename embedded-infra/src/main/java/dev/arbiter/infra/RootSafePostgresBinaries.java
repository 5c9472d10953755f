package dev.arbiter.infra;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * Supplies zonky's PostgreSQL binaries so that they also start when the JVM runs as root.
 *
 * <p><b>The problem:</b> {@code initdb}, {@code pg_ctl} and {@code postgres} refuse to run as
 * root ("cannot be run as root"). Containers and CI machines often run as root, and a fresh
 * machine must work without manual setup.
 *
 * <p><b>What zonky already does:</b> as root, zonky 2.2.x prefixes every command with
 * {@code unshare -U} when that works: PostgreSQL then runs in a new user namespace where it sees
 * itself as uid 65534 (the data files stay owned by root on disk). That is what happens on this
 * project's machines. It does not work where creating user namespaces is forbidden, most notably
 * in Docker containers under the default seccomp profile, and {@code initdb} then fails.
 *
 * <p><b>Our fallback:</b> this resolver hands zonky a repacked copy of the official archive in
 * which {@code bin/initdb} and {@code bin/pg_ctl} are small shell wrappers around the real
 * programs (kept as {@code bin/initdb-real} and {@code bin/pg_ctl-real}). When the wrapper does
 * not see uid 0 (a normal user, or inside zonky's {@code unshare -U}) it simply {@code exec}s the
 * real program. When it does see uid 0 it
 * <ol>
 *   <li>gives the data directory ({@code -D}) to the unprivileged user {@code nobody} (or
 *       {@code $ARBITER_PG_USER}), because PostgreSQL insists on owning it, and</li>
 *   <li>runs the real program as that user with {@code setpriv} (util-linux; {@code runuser} if
 *       absent), keeping only {@code CAP_DAC_OVERRIDE} when the kernel allows it, so that a data
 *       directory below a root-only directory such as {@code /root} stays reachable.
 *       {@code pg_ctl} then starts {@code postgres} as that same user.</li>
 * </ol>
 * Everything else (locking, port, {@code pg_ctl stop}) stays zonky's. The repacked archive is
 * built once per machine (a few seconds) and cached under {@code java.io.tmpdir}; zonky extracts
 * it into its own directory named after the archive digest, as usual. Verified both ways: with
 * {@code unshare} available, and with {@code unshare} made to fail (the server then runs as
 * {@code nobody} with only {@code CAP_DAC_OVERRIDE}, data under {@code /root} included).
 *
 * <p>Limitation: a data directory initialised in one mode (owned by root via {@code unshare}) and
 * later opened in the other (owned by {@code nobody}) or vice versa is re-owned by the wrapper in
 * the first direction only; moving a data directory from a Docker container to a host where
 * {@code unshare} works needs a {@code chown -R root:root} of it.
 */
final class RootSafePostgresBinaries implements PgBinaryResolver {

    static final RootSafePostgresBinaries INSTANCE = new RootSafePostgresBinaries();

    /** Bump when the wrapper script changes, so that a new archive is built. */
    private static final int WRAPPER_VERSION = 1;
    private static final Set<String> WRAPPED = Set.of("initdb", "pg_ctl");

    private static final String WRAPPER = String.join("\n",
            "#!/bin/sh",
            "# Written by Arbiter's LocalPostgres (dev.arbiter.infra.RootSafePostgresBinaries).",
            "# PostgreSQL refuses to run as root: as root, run the real program as an unprivileged user.",
            "real=\"$0-real\"",
            "if [ \"$(id -u)\" != 0 ]; then exec \"$real\" \"$@\"; fi",
            "user=\"${ARBITER_PG_USER:-nobody}\"",
            "uid=$(id -u \"$user\") && gid=$(id -g \"$user\") || { echo \"LocalPostgres: no user '$user' to run PostgreSQL as (set ARBITER_PG_USER)\" >&2; exit 1; }",
            "data=''; prev=''",
            "for arg in \"$@\"; do [ \"$prev\" = '-D' ] && data=\"$arg\"; prev=\"$arg\"; done",
            "if [ -n \"$data\" ] && [ -d \"$data\" ] && [ \"$(stat -c %u \"$data\")\" != \"$uid\" ]; then",
            "  chown -R \"$uid:$gid\" \"$data\" && chmod 700 \"$data\" || exit 1",
            "fi",
            "if command -v setpriv >/dev/null 2>&1; then",
            "  caps='--inh-caps=+dac_override --ambient-caps=+dac_override'",
            "  setpriv --reuid=\"$uid\" --regid=\"$gid\" --clear-groups $caps true 2>/dev/null || caps=''",
            "  exec setpriv --reuid=\"$uid\" --regid=\"$gid\" --clear-groups $caps \"$real\" \"$@\"",
            "fi",
            "exec runuser -u \"$user\" -- \"$real\" \"$@\"",
            "");

    private RootSafePostgresBinaries() {
    }

    /** True when this JVM runs with effective uid 0 (Linux: owner of /proc/self). */
    static boolean runningAsRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        byte[] original;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware)) {
            if (in == null) {
                return null;
            }
            original = in.readAllBytes();
        }
        Path cached = Path.of(System.getProperty("java.io.tmpdir"), "arbiter-pg-binaries",
                "postgres-" + digest(original) + "-rootsafe-v" + WRAPPER_VERSION + ".txz");
        if (!Files.isRegularFile(cached)) {
            repack(original, cached);
        }
        return Files.newInputStream(cached);
    }

    private static void repack(byte[] original, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), "repack", ".tmp");
        try (InputStream raw = new ByteArrayInputStream(original);
             TarArchiveInputStream tarIn = new TarArchiveInputStream(new XZInputStream(raw));
             OutputStream fileOut = new BufferedOutputStream(Files.newOutputStream(tmp));
             TarArchiveOutputStream tarOut = new TarArchiveOutputStream(new XZOutputStream(fileOut, new LZMA2Options(1)))) {
            tarOut.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tarOut.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            TarArchiveEntry entry;
            while ((entry = tarIn.getNextEntry()) != null) {
                String program = wrappedProgram(entry);
                if (program == null) {
                    copyEntry(entry, tarIn, tarOut);
                    continue;
                }
                byte[] binary = tarIn.readAllBytes();
                TarArchiveEntry real = new TarArchiveEntry(entry.getName() + "-real");
                real.setMode(0755);
                real.setSize(binary.length);
                real.setModTime(entry.getModTime());
                tarOut.putArchiveEntry(real);
                tarOut.write(binary);
                tarOut.closeArchiveEntry();

                byte[] script = WRAPPER.getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry wrapper = new TarArchiveEntry(entry.getName());
                wrapper.setMode(0755);
                wrapper.setSize(script.length);
                wrapper.setModTime(entry.getModTime());
                tarOut.putArchiveEntry(wrapper);
                tarOut.write(script);
                tarOut.closeArchiveEntry();
            }
            tarOut.finish();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // Another JVM won the race and moved an identical archive in place.
            Files.deleteIfExists(tmp);
            if (!Files.isRegularFile(target)) {
                throw e;
            }
        }
    }

    private static String wrappedProgram(TarArchiveEntry entry) {
        if (!entry.isFile()) {
            return null;
        }
        String name = entry.getName().startsWith("./") ? entry.getName().substring(2) : entry.getName();
        if (!name.startsWith("bin/")) {
            return null;
        }
        String program = name.substring("bin/".length());
        return WRAPPED.contains(program) ? program : null;
    }

    private static void copyEntry(TarArchiveEntry entry, TarArchiveInputStream in, TarArchiveOutputStream out)
            throws IOException {
        out.putArchiveEntry(entry);
        if (entry.isFile()) {
            in.transferTo(out);
        }
        out.closeArchiveEntry();
    }

    private static String digest(byte[] bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
