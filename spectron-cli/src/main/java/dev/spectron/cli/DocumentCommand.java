package dev.spectron.cli;

import dev.spectron.api.DocumentInfo;
import dev.spectron.api.DocumentRequest;
import dev.spectron.client.SpectronClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spectron document FILE}: add an authoritative document. */
@Command(name = "document", mixinStandardHelpOptions = true,
        description = "Add an authoritative document (text or Markdown), e.g."
                + " spectron document --scope org=shop returns.md")
final class DocumentCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Option(names = "--title", description = "Title (default: the file name).")
    String title;

    @Parameters(index = "0", paramLabel = "FILE", description = "A .txt or .md file.")
    Path file;

    @Override
    public Integer call() throws Exception {
        String name = file.getFileName().toString();
        String mime = name.endsWith(".md") || name.endsWith(".markdown") ? "text/markdown"
                : "text/plain";
        try (SpectronClient c = client.client()) {
            DocumentInfo document = c.memory().addDocument(new DocumentRequest(
                    Files.readString(file), Optional.of(title != null ? title : name),
                    client.scope(), mime));
            System.out.println("added document " + document.id() + " (" + document.chunks()
                    + " passages)");
            return 0;
        }
    }
}
