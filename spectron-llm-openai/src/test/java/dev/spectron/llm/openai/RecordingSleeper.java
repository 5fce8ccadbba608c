package dev.spectron.llm.openai;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the waits between attempts instead of sleeping, so tests take no wall-clock time. */
final class RecordingSleeper implements OpenAiCompatibleClient.Sleeper {
    final List<Duration> waits = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration duration) {
        waits.add(duration);
    }
}
