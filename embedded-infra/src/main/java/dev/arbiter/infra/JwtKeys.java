package dev.arbiter.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA key pair that signs (marketplace-api) and verifies (every service) access tokens.
 *
 * <p>{@link #ensure(Path)} creates the pair once per directory and reuses it afterwards, so that a
 * restarted local stack keeps accepting tokens it issued before.
 */
public final class JwtKeys {

    /** File name of the PKCS#8 PEM private key. */
    public static final String PRIVATE_KEY_FILE = "jwt-private.pem";
    /** File name of the X.509 (SubjectPublicKeyInfo) PEM public key. */
    public static final String PUBLIC_KEY_FILE = "jwt-public.pem";

    private static final int KEY_SIZE = 2048;

    private final Path privateKey;
    private final Path publicKey;

    private JwtKeys(Path privateKey, Path publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /**
     * Returns the key pair stored in {@code directory}, generating an RSA-2048 pair there first if
     * it does not exist yet. The private key file is readable by its owner only.
     */
    public static synchronized JwtKeys ensure(Path directory) {
        Path dir = directory.toAbsolutePath();
        Path priv = dir.resolve(PRIVATE_KEY_FILE);
        Path pub = dir.resolve(PUBLIC_KEY_FILE);
        if (!Files.isRegularFile(priv) || !Files.isRegularFile(pub)) {
            generate(dir, priv, pub);
        }
        return new JwtKeys(priv, pub);
    }

    /** Path of {@value #PRIVATE_KEY_FILE} (for {@code smallrye.jwt.sign.key.location}). */
    public Path privateKeyPath() {
        return privateKey;
    }

    /** Path of {@value #PUBLIC_KEY_FILE} (for {@code mp.jwt.verify.publickey.location}). */
    public Path publicKeyPath() {
        return publicKey;
    }

    /** Reads the private key back, e.g. to sign tokens in tests. */
    public PrivateKey loadPrivateKey() {
        try {
            byte[] der = readPem(privateKey);
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Unreadable private key " + privateKey, e);
        }
    }

    /** Reads the public key back. */
    public PublicKey loadPublicKey() {
        try {
            byte[] der = readPem(publicKey);
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Unreadable public key " + publicKey, e);
        }
    }

    /** Generates a fresh RSA-2048 key pair in memory (e.g. to forge tokens in tests). */
    public static KeyPair generateKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_SIZE);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available in this JDK", e);
        }
    }

    private static void generate(Path dir, Path priv, Path pub) {
        KeyPair pair = generateKeyPair();
        try {
            Files.createDirectories(dir);
            // Write both files under temporary names and move them in place, public key last,
            // so a concurrent reader never sees a half-written pair.
            writeAtomically(priv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
            writeAtomically(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()), false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write JWT keys to " + dir, e);
        }
    }

    private static void writeAtomically(Path target, String content, boolean ownerOnly) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        Files.writeString(tmp, content, StandardCharsets.US_ASCII);
        if (ownerOnly) {
            restrictToOwner(tmp);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: nothing better we can do.
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static byte[] readPem(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII);
            String base64 = text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
            return Base64.getDecoder().decode(base64);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
