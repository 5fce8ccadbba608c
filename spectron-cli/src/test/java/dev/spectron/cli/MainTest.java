package dev.spectron.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "serve --store postgres --postgres-url=|--postgres-url: is required with --store postgres",
        "serve --store postgres --postgres-url jdbc:mysql://db/x|--postgres-url: must start with",
        "serve --store mysql|--store: must be embedded or postgres; got 'mysql'",
        "serve --postgres-schema s1 --store embedded|--postgres-schema: needs --store postgres",
        "serve --store postgres --postgres-url jdbc:postgresql://db/x --postgres-schema 1x"
                + "|--postgres-schema: schema must match",
        "serve --store postgres --postgres-url jdbc:postgresql://db/x --postgres-pool-size 1"
                + "|--postgres-pool-size: poolSize must be between 2",
        "bench --store postgres --postgres-url=|--postgres-url: is required with --store postgres"
    })
    void storeOptions_badCombination_isAUsageErrorNamingTheOption(String args, String message) {
        CommandLine cli = Main.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));

        assertThat(cli.execute(args.split(" "))).isEqualTo(2);

        assertThat(err.toString()).contains("error: " + message);
    }

    @Test
    void remember_withoutText_isAUsageError() {
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(new StringWriter()));
        assertThat(cli.execute("remember")).isEqualTo(2);
    }
}
