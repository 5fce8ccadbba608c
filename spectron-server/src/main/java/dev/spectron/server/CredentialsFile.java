package dev.spectron.server;

import dev.spectron.engine.Credentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes first-start credentials once, readable by the owner only (mode 0600). */
final class CredentialsFile {
    static final String NAME = "credentials.json";

    private CredentialsFile() {}

    static Path write(Path dataDir, Credentials credentials) {
        Path file = dataDir.resolve(NAME);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("context", credentials.context());
        body.put("apiKey", credentials.apiKey());
        body.put("managementKey", credentials.managementKey());
        try {
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(body), StandardOpenOption.TRUNCATE_EXISTING);
            return file;
        } catch (FileAlreadyExistsException e) {
            throw new UncheckedIOException("credentials file appeared while writing it", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
