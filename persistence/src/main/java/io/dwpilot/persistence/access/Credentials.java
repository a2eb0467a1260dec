package io.dwpilot.persistence.access;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The passwords of the roles dwpilot logs in as, generated on first need and kept in a properties file that only
 * its owner may read (mode 0600): nobody types them, and a restart finds them again. Writes replace the file
 * atomically, so a crash never leaves half a file.
 */
public final class Credentials {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Properties passwords = new Properties();

    private Credentials(Path file) {
        this.file = file;
    }

    /** Opens the file, or an empty store that will create it on the first password it keeps. */
    public static Credentials at(Path file) {
        Credentials credentials = new Credentials(file.toAbsolutePath());
        if (Files.exists(credentials.file)) {
            try (Reader in = Files.newBufferedReader(credentials.file, StandardCharsets.UTF_8)) {
                credentials.passwords.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the credentials file " + credentials.file, e);
            }
        }
        return credentials;
    }

    public Path file() {
        return file;
    }

    public synchronized Optional<String> find(String role) {
        return Optional.ofNullable(passwords.getProperty(role));
    }

    /** The role's password, generated and kept when it has none yet. */
    public synchronized String passwordOf(String role) {
        String known = passwords.getProperty(role);
        if (known != null) {
            return known;
        }
        String generated = newPassword();
        keep(role, generated);
        return generated;
    }

    /** Keeps a password set elsewhere (the embedded server's superuser's, given to initdb). */
    public synchronized void keep(String role, String password) {
        passwords.setProperty(role, password);
        save();
    }

    /** 24 random bytes, URL-safe: no quoting needed in a connection string or a properties file. */
    public static String newPassword() {
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            Path next = file.resolveSibling(file.getFileName() + ".new");
            Files.deleteIfExists(next);
            try {
                Files.createFile(next, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(next);
            }
            try (Writer out = Files.newBufferedWriter(next, StandardCharsets.UTF_8)) {
                passwords.store(out, "Passwords of the PostgreSQL roles dwpilot logs in as. Keep this file private.");
            }
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the credentials file " + file, e);
        }
    }
}
