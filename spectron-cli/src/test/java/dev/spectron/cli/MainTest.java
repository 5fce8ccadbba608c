package dev.spectron.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {
    @Test
    void commandLine_everySubcommand_buildsAndPrintsHelp() {
        CommandLine cli = Main.commandLine();
        assertThat(cli.getSubcommands()).containsKeys("serve", "remember", "recall", "context",
                "profile", "state", "entities", "history", "forget", "document", "bench",
                "eval");
        for (String name : cli.getSubcommands().keySet()) {
            StringWriter out = new StringWriter();
            cli.setOut(new PrintWriter(out));
            assertThat(cli.execute(name, "--help")).as(name).isZero();
            assertThat(out.toString()).as(name).contains("Usage:");
        }
    }

    @Test
    void remember_withoutText_isAUsageError() {
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(new StringWriter()));
        assertThat(cli.execute("remember")).isEqualTo(2);
    }
}
