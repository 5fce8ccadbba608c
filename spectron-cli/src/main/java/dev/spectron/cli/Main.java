package dev.spectron.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code spectron} command. */
@Command(name = "spectron", mixinStandardHelpOptions = true, version = "Spectron 0.1.0",
        description = "Memory layer for AI agents.",
        subcommands = {ServeCommand.class, RememberCommand.class, RecallCommand.class,
                ContextCommand.class, ProfileCommand.class, StateCommand.class,
                EntitiesCommand.class, HistoryCommand.class,
                ForgetCommand.class, DocumentCommand.class, ImportCommand.class,
                BenchCommand.class,
                EvalCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for tests. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + e.getMessage());
            return e instanceof dev.spectron.api.SpectronException s && s.status() < 500 ? 2 : 1;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
