package io.regiolink.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.regiolink.config.ConfigException;
import io.regiolink.geo.RegionScheme;
import io.regiolink.live.LiveFeed;
import io.regiolink.query.AlertView;
import io.regiolink.query.LinkView;
import io.regiolink.query.LocalStores;
import io.regiolink.query.Queries;
import io.regiolink.query.QueryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of one instance: the API under /api/v1, /health and /metrics at the root, and
 * the internal reads other instances make. Read-only: HEAD is answered wherever GET is, any other method is a 405. Every error
 * is JSON {@code {error, detail}}.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  private static final String PROBLEM = "regiolink.problem";
  private static final String STARTED = "regiolink.started";
  private static final String ENDPOINT = "regiolink.endpoint";
  private static final String DASHBOARD = "/io/regiolink/http/dashboard";
  static final int MAX_HEADER_BYTES = 8 * 1024;
  static final long MAX_BODY_BYTES = 1024;

  /** Rendered answers kept by {@link AnswerCache}: a few whole LAD matrices. */
  private static final long ANSWER_CACHE_BYTES = 64L << 20;

  private final Javalin app;
  private final AnswerCache answers;

  /** Everything the server answers from. */
  public record Parts(Queries queries, LocalStores local, List<RegionScheme> schemes, LiveFeed<LinkView> links,
      LiveFeed<AlertView> alerts, Answers.Dataset dataset, ApiMetrics metrics, Supplier<Answers.Health> health,
      Duration answerMaxAge) {}

  private ApiServer(Javalin app, AnswerCache answers) {
    this.app = app;
    this.answers = answers;
  }

  public static ApiServer start(HttpSettings http, Parts parts) {
    String host = http.host();
    int port = http.port();
    ObjectMapper json = ApiJson.mapper();
    Javalin app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.jsonMapper(new JavalinJackson(json, false));
      config.router.ignoreTrailingSlashes = true;
      // Limits a read-only API can afford: no request bodies to speak of, and the request line plus
      // headers within 8 KiB (Jetty answers 414 or 431 beyond it, without reaching a handler).
      config.http.maxRequestSize = MAX_BODY_BYTES;
      config.jetty.modifyHttpConfiguration(jetty -> jetty.setRequestHeaderSize(MAX_HEADER_BYTES));
      // Our own connector, only to set its idle timeout (Javalin's default one cannot be reached
      // before it starts): a connection that moves no bytes for that long is closed, so stalled
      // requests and clients that stop reading an answer give their thread back.
      config.jetty.addConnector((server, httpConfig) -> {
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(http.idleTimeout().toMillis());
        return connector;
      });
      // The dashboard: plain static files in the jar, d3 from its WebJar; no CDN, works offline.
      config.staticFiles.add(files -> {
        files.hostedPath = "/";
        files.directory = DASHBOARD;
        files.location = Location.CLASSPATH;
        files.precompress = true;
      });
      config.staticFiles.enableWebjars();
    });
    app.before(ctx -> {
      if (ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD) {
        ctx.header("Allow", "GET, HEAD");
        throw ApiProblem.methodNotAllowed(ctx.method().name());
      }
      if (ctx.method() == HandlerType.HEAD && ctx.path().startsWith(ApiRoutes.PREFIX + "/stream/")) {
        // A live feed never ends: HEAD says it is there without holding the connection open.
        ctx.contentType("text/event-stream").header("Cache-Control", "no-cache");
        ctx.skipRemainingHandlers();
        return;
      }
      // Any other HEAD runs its GET handler (Reads), and Jetty sends the headers only.
      ctx.attribute(STARTED, System.nanoTime());
    });
    // The route template (not the raw path) names the latency series, so they stay few.
    app.beforeMatched(ctx -> ctx.attribute(ENDPOINT, ctx.endpointHandlerPath()));
    app.afterMatched(ctx -> {
      Long started = ctx.attribute(STARTED);
      String endpoint = ctx.attribute(ENDPOINT);
      if (started != null && endpoint != null && !endpoint.startsWith(ApiRoutes.PREFIX + "/stream/")) {
        parts.metrics().recordRequest(endpoint, ctx.statusCode(), System.nanoTime() - started);
      }
    });
    app.exception(ApiProblem.class, ApiServer::sendProblem);
    app.exception(QueryException.class, (e, ctx) -> sendProblem(ApiProblem.of(e), ctx));
    app.exception(Exception.class, (e, ctx) -> {
      LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
      ctx.status(500).json(new Answers.Problem("internal error",
          "the request failed inside regiolink (" + e.getClass().getSimpleName() + "); the instance log has the details"));
    });
    app.error(404, ctx -> {
      if (ctx.attribute(PROBLEM) == null) {
        ctx.json(new Answers.Problem("not found", "no endpoint at " + ctx.path()
            + "; the API is described at " + ApiRoutes.PREFIX + "/openapi.json"));
      }
    });

    AnswerCache answers = new AnswerCache(parts.answerMaxAge(), ANSWER_CACHE_BYTES, System::currentTimeMillis);
    new ApiRoutes(parts.queries(), parts.schemes(), parts.alerts(), parts.dataset(), answers, json).addTo(app);
    new StreamRoutes(parts.queries(), parts.schemes(), parts.links(), parts.alerts()).addTo(app);
    new InternalRoutes(parts.local()).addTo(app);
    String openApi = resource("openapi.json");
    Reads.get(app, ApiRoutes.PREFIX + "/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    Reads.get(app, "/health", ctx -> health(ctx, parts.health().get()));
    Reads.get(app, "/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
        .result(parts.metrics().scrape()));
    try {
      app.start();
    } catch (RuntimeException e) {
      answers.close();
      throw portTaken(host, port, e.getMessage());
    }
    return new ApiServer(app, answers);
  }

  private static void health(Context ctx, Answers.Health health) {
    ctx.status("UP".equals(health.status()) ? 200 : 503).json(health);
  }

  private static String resource(String name) {
    try (InputStream in = ApiServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Fails at once when the HTTP port is taken, so a demo or run stops before it starts a broker
   * and a topology only to find it cannot serve. (Racy by nature; start() still checks.)
   */
  public static void requirePortFree(String host, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw portTaken(host, port, e.getMessage());
    }
  }

  static ConfigException portTaken(String host, int port, String why) {
    return new ConfigException("The HTTP server cannot listen on " + host + ":" + port + " (" + why
        + "). Is another regiolink or another server using the port? Choose another with --http-port or "
        + HttpSettings.PORT.environmentVariable() + ".");
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
    answers.close();
  }

  private static void sendProblem(ApiProblem problem, Context ctx) {
    ctx.attribute(PROBLEM, true);
    problem.retryAfter().ifPresent(d -> ctx.header("Retry-After", Long.toString(Math.max(1, d.toSeconds()))));
    ctx.status(problem.status()).json(new Answers.Problem(problem.error(), problem.detail()));
  }
}
