package dev.spectron.cli;

import dev.spectron.api.Profile;
import dev.spectron.api.ProfileFact;
import dev.spectron.client.SpectronClient;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code spectron profile}: what is known about the scope's subject. */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Show the profile of a scope, e.g. spectron profile --scope user=alice")
final class ProfileCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Override
    public Integer call() {
        try (SpectronClient c = client.client()) {
            Profile profile = c.memory().profile(client.scope());
            System.out.println(profile.summary().isEmpty() ? "(nothing known)" : profile.summary());
            section("Identity", profile.identity());
            section("Preferences", profile.preferences());
            section("Context", profile.context());
            if (!profile.instructions().isEmpty()) {
                System.out.println("Instructions:");
                profile.instructions().forEach(i -> System.out.println("  - " + i.text()));
            }
            if (!profile.uncertainties().isEmpty()) {
                System.out.println("Open questions:");
                profile.uncertainties().forEach(u -> System.out.println("  - " + u.kind() + " "
                        + u.about() + ": " + u.reason()));
            }
            return 0;
        }
    }

    private static void section(String title, List<ProfileFact> facts) {
        if (!facts.isEmpty()) {
            System.out.println(title + ":");
            facts.forEach(f -> System.out.println("  - " + f.key().replace('_', ' ') + ": "
                    + f.value()));
        }
    }
}
