package dev.spectron.server;

import dev.spectron.api.SpectronException;
import dev.spectron.embedded.EmbeddedSpectron;
import dev.spectron.engine.Credentials;
import dev.spectron.engine.MemoryEngine;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Spectron's HTTP server: REST under {@code /api/v1}, {@code /health} and Prometheus
 * {@code /metrics}, over the embedded store (SQLite and Lucene in the data directory) or over
 * PostgreSQL. A server on PostgreSQL holds no state of its own: several may share one database
 * behind a load balancer (only rate limits are per server). Start with
 * {@link #start(ServerConfig)}; close to stop.
 */
public final class SpectronServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SpectronServer.class.getName());
    private static final String STARTED_NANOS = "spectron.started";

    private final EmbeddedSpectron spectron;
    private final Javalin app;
    private final Optional<Path> credentialsFile;
    private final PrometheusMeterRegistry metrics;

    private SpectronServer(EmbeddedSpectron spectron, Javalin app, Optional<Path> credentialsFile,
            PrometheusMeterRegistry metrics) {
        this.spectron = spectron;
        this.app = app;
        this.credentialsFile = credentialsFile;
        this.metrics = metrics;
    }

    /**
     * Opens the store, bootstraps a fresh install (the first of several nodes on one database
     * to start creates the keys and writes {@code credentials.json} in its data directory; the
     * others reuse the keys), and starts serving.
     */
    public static SpectronServer start(ServerConfig config) {
        return start(config, applied -> { });
    }

    /**
     * As {@link #start(ServerConfig)}, reporting index catch-up progress.
     *
     * @throws IllegalArgumentException when {@code --insecure} is asked for on a non-loopback host
     */
    public static SpectronServer start(ServerConfig config, LongConsumer indexProgress) {
        if (config.insecure() && !isLoopback(config.host())) {
            throw new IllegalArgumentException("--insecure is only allowed on a loopback address,"
                    + " not on " + config.host());
        }
        EmbeddedSpectron spectron = EmbeddedSpectron.open(config.storage(), indexProgress);
        try {
            MemoryEngine engine = spectron.engine();
            Optional<Credentials> fresh = engine.keys().bootstrap(EmbeddedSpectron.DEFAULT_CONTEXT);
            Optional<Path> file = fresh.map(c -> CredentialsFile.write(
                    config.storage().dataDir().toAbsolutePath(), c));
            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            Gauge.builder("spectron_index_documents", engine, MemoryEngine::indexSize)
                    .register(metrics);
            Gauge.builder("spectron_index_lag", engine, MemoryEngine::indexLag).register(metrics);
            Javalin app = Javalin.create(cfg -> configure(cfg, config, engine, metrics));
            app.start(config.host(), config.port());
            return new SpectronServer(spectron, app, file, metrics);
        } catch (RuntimeException e) {
            spectron.close();
            throw e;
        }
    }

    private static void configure(io.javalin.config.JavalinConfig cfg, ServerConfig config,
            MemoryEngine engine, PrometheusMeterRegistry metrics) {
        cfg.startup.showJavalinBanner = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        cfg.concurrency.useVirtualThreads = true;
        cfg.http.maxRequestSize = config.maxBodyBytes();
        cfg.jetty.modifyServer(server -> server.setErrorHandler(new ProblemErrorHandler()));
        cfg.router.ignoreTrailingSlashes = true;
        Auth auth = new Auth(engine.keys(), config.insecure(),
                new RateLimiter(config.rateLimitPerSecond(), config.rateLimitBurst()));
        Idempotency idempotency = new Idempotency(engine.idempotencyKeys(), auth);
        cfg.routes.before(ctx -> {
            ctx.attribute(STARTED_NANOS, System.nanoTime());
            Limits.check(ctx, config.maxBodyBytes());
            idempotency.before(ctx);
        });
        cfg.routes.after(ctx -> {
            idempotency.after(ctx);
            record(ctx, metrics);
        });
        cfg.routes.get("/health", ctx -> MemoryRoutes.json(ctx, Map.of("status", "ok",
                "embeddingModel", engine.embeddingModel(), "indexLag", engine.indexLag())));
        cfg.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4")
                .result(metrics.scrape()));
        new ManagementRoutes(engine, auth).register(cfg.routes);
        new MemoryRoutes(engine, auth).register(cfg.routes);
        new StructuredRoutes(engine, auth).register(cfg.routes);
        cfg.routes.exception(RateLimiter.Limited.class, (e, ctx) -> {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            Problems.spectron(e, ctx);
        });
        cfg.routes.exception(SpectronException.class, Problems::spectron);
        cfg.routes.exception(HttpResponseException.class, Problems::javalin);
        cfg.routes.exception(Exception.class, Problems::unexpected);
        cfg.routes.error(404, ctx -> {
            if (!isProblem(ctx)) {
                Problems.of(ctx, 404, "not_found", "no route for " + ctx.method() + " "
                        + ctx.path());
            }
        });
        cfg.routes.error(405, ctx -> {
            if (!isProblem(ctx)) {
                Problems.of(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on "
                        + ctx.path());
            }
        });
    }

    private static boolean isProblem(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith(Problems.MEDIA_TYPE);
    }

    private static void record(Context ctx, PrometheusMeterRegistry metrics) {
        Long started = ctx.attribute(STARTED_NANOS);
        if (started == null || ctx.endpoint() == null) {
            return;
        }
        Timer.builder("spectron_http_requests")
                .tag("method", ctx.method().name())
                .tag("route", ctx.endpoint().path)
                .tag("status", Integer.toString(ctx.statusCode()))
                .publishPercentileHistogram(false)
                .register(metrics)
                .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return "localhost".equals(host.toLowerCase(Locale.ROOT));
        }
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return app.port();
    }

    /** Where first-start credentials were written, when this start created them. */
    public Optional<Path> credentialsFile() {
        return credentialsFile;
    }

    /** The embedded Spectron behind the server. */
    public EmbeddedSpectron spectron() {
        return spectron;
    }

    /** Stops serving, then closes the store and index. */
    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            spectron.close();
            metrics.close();
            LOG.log(Level.INFO, "Spectron stopped");
        }
    }
}
