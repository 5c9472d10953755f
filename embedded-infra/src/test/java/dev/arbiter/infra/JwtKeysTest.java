package dev.arbiter.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JwtKeysTest {

    @TempDir
    Path dir;

    @Test
    void shouldGenerateOnceAndReuseAUsableRsaPair() throws Exception {
        JwtKeys first = JwtKeys.ensure(dir.resolve("keys"));
        String pem = Files.readString(first.privateKeyPath());
        JwtKeys second = JwtKeys.ensure(dir.resolve("keys"));

        assertEquals(pem, Files.readString(second.privateKeyPath()));
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----"));
        assertTrue(Files.readString(second.publicKeyPath()).startsWith("-----BEGIN PUBLIC KEY-----"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(first.privateKeyPath())));
        assertEquals(2048, ((RSAPublicKey) second.loadPublicKey()).getModulus().bitLength());

        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(second.loadPrivateKey());
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(first.loadPublicKey());
        verifier.update(new byte[] {1, 2, 3});
        assertTrue(verifier.verify(signature));
    }
}
